import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Personal access tokens: hashed secrets, optional narrowing to permissions and instances, gone with their owner. */
export class AccessTokens1796273993209 implements MigrationInterface {
  name = 'AccessTokens1796273993209';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "access_token" ("id" varchar(36) PRIMARY KEY NOT NULL, "user_id" varchar(36) NOT NULL, "name" varchar(64) NOT NULL, "prefix" varchar(16) NOT NULL, "token_hash" varchar(64) NOT NULL, "permissions" text, "instance_ids" text, "created_at" bigint NOT NULL, "expires_at" bigint NOT NULL, "last_used_at" bigint, "revoked_at" bigint, CONSTRAINT "UQ_d1e0f699436608cc429896f991f" UNIQUE ("token_hash"), CONSTRAINT "FK_access_token_user" FOREIGN KEY ("user_id") REFERENCES "user" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)',
    );
    await queryRunner.query('CREATE INDEX "IDX_access_token_user" ON "access_token" ("user_id") ');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "IDX_access_token_user"');
    await queryRunner.query('DROP TABLE "access_token"');
  }
}
