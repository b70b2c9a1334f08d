import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Security state every replica on one storage must share: counted login failures, the break-glass account's
 * per-address failures, pending second-factor challenges and used single sign-on states.
 */
export class AuthSharedState1796350000000 implements MigrationInterface {
  name = 'AuthSharedState1796350000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE TABLE "auth_login_failure" ("id" varchar(36) PRIMARY KEY NOT NULL, "key" varchar(320) NOT NULL, "at" bigint NOT NULL)');
    await queryRunner.query('CREATE INDEX "IDX_auth_login_failure_at" ON "auth_login_failure" ("at") ');
    await queryRunner.query('CREATE INDEX "IDX_auth_login_failure_key_at" ON "auth_login_failure" ("key", "at") ');
    await queryRunner.query(
      'CREATE TABLE "auth_emergency_failure" ("address" varchar(64) PRIMARY KEY NOT NULL, "failures" integer NOT NULL, "not_before" bigint NOT NULL, "last_at" bigint NOT NULL)',
    );
    await queryRunner.query('CREATE INDEX "IDX_auth_emergency_failure_last_at" ON "auth_emergency_failure" ("last_at") ');
    await queryRunner.query(
      'CREATE TABLE "auth_mfa_challenge" ("token_hash" varchar(64) PRIMARY KEY NOT NULL, "user_id" varchar(36) NOT NULL, "expires_at" bigint NOT NULL, CONSTRAINT "FK_auth_mfa_challenge_user" FOREIGN KEY ("user_id") REFERENCES "user" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)',
    );
    await queryRunner.query('CREATE INDEX "IDX_auth_mfa_challenge_user" ON "auth_mfa_challenge" ("user_id") ');
    await queryRunner.query('CREATE INDEX "IDX_auth_mfa_challenge_expires_at" ON "auth_mfa_challenge" ("expires_at") ');
    await queryRunner.query('CREATE TABLE "auth_sso_used_state" ("state_hash" varchar(64) PRIMARY KEY NOT NULL, "expires_at" bigint NOT NULL)');
    await queryRunner.query('CREATE INDEX "IDX_auth_sso_used_state_expires_at" ON "auth_sso_used_state" ("expires_at") ');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "auth_sso_used_state"');
    await queryRunner.query('DROP TABLE "auth_mfa_challenge"');
    await queryRunner.query('DROP TABLE "auth_emergency_failure"');
    await queryRunner.query('DROP TABLE "auth_login_failure"');
  }
}
