import type { MigrationInterface, QueryRunner } from 'typeorm';

/** TOTP second factor: one sealed authenticator secret per local user, and its hashed single-use recovery codes. */
export class Totp1796340000000 implements MigrationInterface {
  name = 'Totp1796340000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "user_totp" ("user_id" varchar(36) PRIMARY KEY NOT NULL, "secret" text NOT NULL, "enabled_at" bigint, "last_time_step" bigint, "created_at" bigint NOT NULL, CONSTRAINT "FK_user_totp_user" FOREIGN KEY ("user_id") REFERENCES "user" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)',
    );
    await queryRunner.query(
      'CREATE TABLE "user_recovery_code" ("id" varchar(36) PRIMARY KEY NOT NULL, "user_id" varchar(36) NOT NULL, "code_hash" varchar(64) NOT NULL, "used_at" bigint, CONSTRAINT "UQ_user_recovery_code_hash" UNIQUE ("code_hash"), CONSTRAINT "FK_user_recovery_code_user" FOREIGN KEY ("user_id") REFERENCES "user" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)',
    );
    await queryRunner.query('CREATE INDEX "IDX_user_recovery_code_user" ON "user_recovery_code" ("user_id") ');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "IDX_user_recovery_code_user"');
    await queryRunner.query('DROP TABLE "user_recovery_code"');
    await queryRunner.query('DROP TABLE "user_totp"');
  }
}
