import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Single sign-on: users keyed by (issuer, subject), provider groups mapped to roles, mapped assignments, ID tokens for logout, one-time codes of sessions not yet handed to the SPA. */
export class SingleSignOn1796310000000 implements MigrationInterface {
  name = 'SingleSignOn1796310000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "user" ADD COLUMN "sso_issuer" varchar(256)');
    await queryRunner.query('ALTER TABLE "user" ADD COLUMN "sso_subject" varchar(255)');
    await queryRunner.query('CREATE UNIQUE INDEX "UQ_user_sso_identity" ON "user" ("sso_issuer", "sso_subject") ');
    await queryRunner.query('ALTER TABLE "role_assignment" ADD COLUMN "mapping_id" varchar(36)');
    await queryRunner.query('ALTER TABLE "session" ADD COLUMN "id_token" text');
    await queryRunner.query('ALTER TABLE "session" ADD COLUMN "exchange_code_hash" varchar(64)');
    await queryRunner.query('CREATE UNIQUE INDEX "UQ_session_exchange_code" ON "session" ("exchange_code_hash") ');
    await queryRunner.query(
      'CREATE TABLE "sso_group_mapping" ("id" varchar(36) PRIMARY KEY NOT NULL, "group_name" varchar(256) NOT NULL, "role_id" varchar(36) NOT NULL, "scope" text, "created_at" bigint NOT NULL, CONSTRAINT "FK_sso_group_mapping_role" FOREIGN KEY ("role_id") REFERENCES "role" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)',
    );
    await queryRunner.query('CREATE INDEX "IDX_sso_group_mapping_role" ON "sso_group_mapping" ("role_id") ');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "IDX_sso_group_mapping_role"');
    await queryRunner.query('DROP TABLE "sso_group_mapping"');
    await queryRunner.query('DROP INDEX "UQ_session_exchange_code"');
    await queryRunner.query('ALTER TABLE "session" DROP COLUMN "exchange_code_hash"');
    await queryRunner.query('ALTER TABLE "session" DROP COLUMN "id_token"');
    await queryRunner.query('ALTER TABLE "role_assignment" DROP COLUMN "mapping_id"');
    await queryRunner.query('DROP INDEX "UQ_user_sso_identity"');
    await queryRunner.query('ALTER TABLE "user" DROP COLUMN "sso_subject"');
    await queryRunner.query('ALTER TABLE "user" DROP COLUMN "sso_issuer"');
  }
}
