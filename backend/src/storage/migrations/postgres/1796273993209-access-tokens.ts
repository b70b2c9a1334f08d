import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Personal access tokens: hashed secrets, optional narrowing to permissions and instances, gone with their owner. */
export class AccessTokens1796273993209 implements MigrationInterface {
  name = 'AccessTokens1796273993209';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "access_token" ("id" character varying(36) NOT NULL, "user_id" character varying(36) NOT NULL, "name" character varying(64) NOT NULL, "prefix" character varying(16) NOT NULL, "token_hash" character varying(64) NOT NULL, "permissions" text, "instance_ids" text, "created_at" bigint NOT NULL, "expires_at" bigint NOT NULL, "last_used_at" bigint, "revoked_at" bigint, CONSTRAINT "UQ_d1e0f699436608cc429896f991f" UNIQUE ("token_hash"), CONSTRAINT "PK_f20f028607b2603deabd8182d12" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_access_token_user" ON "access_token" ("user_id") ');
    await queryRunner.query(
      'ALTER TABLE "access_token" ADD CONSTRAINT "FK_access_token_user" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "access_token" DROP CONSTRAINT "FK_access_token_user"');
    await queryRunner.query('DROP INDEX "public"."IDX_access_token_user"');
    await queryRunner.query('DROP TABLE "access_token"');
  }
}
