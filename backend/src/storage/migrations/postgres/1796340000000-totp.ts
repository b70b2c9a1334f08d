import type { MigrationInterface, QueryRunner } from 'typeorm';

/** TOTP second factor: one sealed authenticator secret per local user, and its hashed single-use recovery codes. */
export class Totp1796340000000 implements MigrationInterface {
  name = 'Totp1796340000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "user_totp" ("user_id" character varying(36) NOT NULL, "secret" text NOT NULL, "enabled_at" bigint, "last_time_step" bigint, "created_at" bigint NOT NULL, CONSTRAINT "PK_user_totp" PRIMARY KEY ("user_id"))',
    );
    await queryRunner.query(
      'ALTER TABLE "user_totp" ADD CONSTRAINT "FK_user_totp_user" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'CREATE TABLE "user_recovery_code" ("id" character varying(36) NOT NULL, "user_id" character varying(36) NOT NULL, "code_hash" character varying(64) NOT NULL, "used_at" bigint, CONSTRAINT "UQ_user_recovery_code_hash" UNIQUE ("code_hash"), CONSTRAINT "PK_user_recovery_code" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_user_recovery_code_user" ON "user_recovery_code" ("user_id") ');
    await queryRunner.query(
      'ALTER TABLE "user_recovery_code" ADD CONSTRAINT "FK_user_recovery_code_user" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "user_recovery_code" DROP CONSTRAINT "FK_user_recovery_code_user"');
    await queryRunner.query('DROP INDEX "public"."IDX_user_recovery_code_user"');
    await queryRunner.query('DROP TABLE "user_recovery_code"');
    await queryRunner.query('ALTER TABLE "user_totp" DROP CONSTRAINT "FK_user_totp_user"');
    await queryRunner.query('DROP TABLE "user_totp"');
  }
}
