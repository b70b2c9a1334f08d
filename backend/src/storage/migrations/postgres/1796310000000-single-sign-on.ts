import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Single sign-on: users keyed by (issuer, subject), provider groups mapped to roles, mapped assignments, ID tokens for logout, one-time codes of sessions not yet handed to the SPA. */
export class SingleSignOn1796310000000 implements MigrationInterface {
  name = 'SingleSignOn1796310000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "user" ADD "sso_issuer" character varying(256)');
    await queryRunner.query('ALTER TABLE "user" ADD "sso_subject" character varying(255)');
    await queryRunner.query('CREATE UNIQUE INDEX "UQ_user_sso_identity" ON "user" ("sso_issuer", "sso_subject") ');
    await queryRunner.query('ALTER TABLE "role_assignment" ADD "mapping_id" character varying(36)');
    await queryRunner.query('ALTER TABLE "session" ADD "id_token" text');
    await queryRunner.query('ALTER TABLE "session" ADD "exchange_code_hash" character varying(64)');
    await queryRunner.query('CREATE UNIQUE INDEX "UQ_session_exchange_code" ON "session" ("exchange_code_hash") ');
    await queryRunner.query(
      'CREATE TABLE "sso_group_mapping" ("id" character varying(36) NOT NULL, "group_name" character varying(256) NOT NULL, "role_id" character varying(36) NOT NULL, "scope" text, "created_at" bigint NOT NULL, CONSTRAINT "PK_sso_group_mapping" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_sso_group_mapping_role" ON "sso_group_mapping" ("role_id") ');
    await queryRunner.query(
      'ALTER TABLE "sso_group_mapping" ADD CONSTRAINT "FK_sso_group_mapping_role" FOREIGN KEY ("role_id") REFERENCES "role"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "sso_group_mapping" DROP CONSTRAINT "FK_sso_group_mapping_role"');
    await queryRunner.query('DROP INDEX "public"."IDX_sso_group_mapping_role"');
    await queryRunner.query('DROP TABLE "sso_group_mapping"');
    await queryRunner.query('DROP INDEX "public"."UQ_session_exchange_code"');
    await queryRunner.query('ALTER TABLE "session" DROP COLUMN "exchange_code_hash"');
    await queryRunner.query('ALTER TABLE "session" DROP COLUMN "id_token"');
    await queryRunner.query('ALTER TABLE "role_assignment" DROP COLUMN "mapping_id"');
    await queryRunner.query('DROP INDEX "public"."UQ_user_sso_identity"');
    await queryRunner.query('ALTER TABLE "user" DROP COLUMN "sso_subject"');
    await queryRunner.query('ALTER TABLE "user" DROP COLUMN "sso_issuer"');
  }
}
