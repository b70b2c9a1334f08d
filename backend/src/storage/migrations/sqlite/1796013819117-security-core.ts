import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SecurityCore1796013819117 implements MigrationInterface {
  name = 'SecurityCore1796013819117';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "audit_event" ("id" varchar(36) PRIMARY KEY NOT NULL, "at" bigint NOT NULL, "action" varchar(64) NOT NULL, "outcome" varchar(16) NOT NULL, "actor_id" varchar(36), "actor_name" varchar(128), "target_type" varchar(64), "target_id" varchar(64), "ip" varchar(64), "user_agent" varchar(256), "details" text)',
    );
    await queryRunner.query('CREATE INDEX "IDX_audit_event_action" ON "audit_event" ("action") ');
    await queryRunner.query('CREATE INDEX "IDX_audit_event_at" ON "audit_event" ("at") ');
    await queryRunner.query(
      'CREATE TABLE "user" ("id" varchar(36) PRIMARY KEY NOT NULL, "username" varchar(64) NOT NULL, "username_key" varchar(64) NOT NULL, "display_name" varchar(128), "password_hash" varchar(100) NOT NULL, "disabled" boolean NOT NULL DEFAULT (0), "created_at" bigint NOT NULL, "updated_at" bigint NOT NULL, "last_login_at" bigint, CONSTRAINT "UQ_145bd9b89097323c22aa757085e" UNIQUE ("username_key"))',
    );
    await queryRunner.query(
      'CREATE TABLE "session" ("id" varchar(36) PRIMARY KEY NOT NULL, "user_id" varchar(36), "emergency" boolean NOT NULL DEFAULT (0), "created_at" bigint NOT NULL, "expires_at" bigint NOT NULL, "revoked_at" bigint, "ip" varchar(64), "user_agent" varchar(256))',
    );
    await queryRunner.query('CREATE INDEX "IDX_session_user" ON "session" ("user_id") ');
    await queryRunner.query(
      'CREATE TABLE "instance" ("id" varchar(36) PRIMARY KEY NOT NULL, "name" varchar(128) NOT NULL, "engine" varchar(16) NOT NULL, "connection_secret" text NOT NULL, "tags" text NOT NULL, "created_at" bigint NOT NULL, "updated_at" bigint NOT NULL)',
    );
    await queryRunner.query(
      'CREATE TABLE "role" ("id" varchar(36) PRIMARY KEY NOT NULL, "name" varchar(64) NOT NULL, "name_key" varchar(64) NOT NULL, "description" text, "builtin" boolean NOT NULL DEFAULT (0), "permissions" text NOT NULL, "created_at" bigint NOT NULL, "updated_at" bigint NOT NULL, CONSTRAINT "UQ_3aadc000679f4a5b8a0e3d3cb2c" UNIQUE ("name_key"))',
    );
    await queryRunner.query(
      'CREATE TABLE "role_assignment" ("id" varchar(36) PRIMARY KEY NOT NULL, "user_id" varchar(36) NOT NULL, "role_id" varchar(36) NOT NULL, "scope" text, "created_at" bigint NOT NULL)',
    );
    await queryRunner.query('CREATE INDEX "IDX_role_assignment_role" ON "role_assignment" ("role_id") ');
    await queryRunner.query('CREATE INDEX "IDX_role_assignment_user" ON "role_assignment" ("user_id") ');
    await queryRunner.query('DROP INDEX "IDX_session_user"');
    await queryRunner.query(
      'CREATE TABLE "temporary_session" ("id" varchar(36) PRIMARY KEY NOT NULL, "user_id" varchar(36), "emergency" boolean NOT NULL DEFAULT (0), "created_at" bigint NOT NULL, "expires_at" bigint NOT NULL, "revoked_at" bigint, "ip" varchar(64), "user_agent" varchar(256), CONSTRAINT "FK_session_user" FOREIGN KEY ("user_id") REFERENCES "user" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_session"("id", "user_id", "emergency", "created_at", "expires_at", "revoked_at", "ip", "user_agent") SELECT "id", "user_id", "emergency", "created_at", "expires_at", "revoked_at", "ip", "user_agent" FROM "session"',
    );
    await queryRunner.query('DROP TABLE "session"');
    await queryRunner.query('ALTER TABLE "temporary_session" RENAME TO "session"');
    await queryRunner.query('CREATE INDEX "IDX_session_user" ON "session" ("user_id") ');
    await queryRunner.query('DROP INDEX "IDX_role_assignment_role"');
    await queryRunner.query('DROP INDEX "IDX_role_assignment_user"');
    await queryRunner.query(
      'CREATE TABLE "temporary_role_assignment" ("id" varchar(36) PRIMARY KEY NOT NULL, "user_id" varchar(36) NOT NULL, "role_id" varchar(36) NOT NULL, "scope" text, "created_at" bigint NOT NULL, CONSTRAINT "FK_role_assignment_user" FOREIGN KEY ("user_id") REFERENCES "user" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_role_assignment_role" FOREIGN KEY ("role_id") REFERENCES "role" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_role_assignment"("id", "user_id", "role_id", "scope", "created_at") SELECT "id", "user_id", "role_id", "scope", "created_at" FROM "role_assignment"',
    );
    await queryRunner.query('DROP TABLE "role_assignment"');
    await queryRunner.query('ALTER TABLE "temporary_role_assignment" RENAME TO "role_assignment"');
    await queryRunner.query('CREATE INDEX "IDX_role_assignment_role" ON "role_assignment" ("role_id") ');
    await queryRunner.query('CREATE INDEX "IDX_role_assignment_user" ON "role_assignment" ("user_id") ');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "IDX_role_assignment_user"');
    await queryRunner.query('DROP INDEX "IDX_role_assignment_role"');
    await queryRunner.query('ALTER TABLE "role_assignment" RENAME TO "temporary_role_assignment"');
    await queryRunner.query(
      'CREATE TABLE "role_assignment" ("id" varchar(36) PRIMARY KEY NOT NULL, "user_id" varchar(36) NOT NULL, "role_id" varchar(36) NOT NULL, "scope" text, "created_at" bigint NOT NULL)',
    );
    await queryRunner.query(
      'INSERT INTO "role_assignment"("id", "user_id", "role_id", "scope", "created_at") SELECT "id", "user_id", "role_id", "scope", "created_at" FROM "temporary_role_assignment"',
    );
    await queryRunner.query('DROP TABLE "temporary_role_assignment"');
    await queryRunner.query('CREATE INDEX "IDX_role_assignment_user" ON "role_assignment" ("user_id") ');
    await queryRunner.query('CREATE INDEX "IDX_role_assignment_role" ON "role_assignment" ("role_id") ');
    await queryRunner.query('DROP INDEX "IDX_session_user"');
    await queryRunner.query('ALTER TABLE "session" RENAME TO "temporary_session"');
    await queryRunner.query(
      'CREATE TABLE "session" ("id" varchar(36) PRIMARY KEY NOT NULL, "user_id" varchar(36), "emergency" boolean NOT NULL DEFAULT (0), "created_at" bigint NOT NULL, "expires_at" bigint NOT NULL, "revoked_at" bigint, "ip" varchar(64), "user_agent" varchar(256))',
    );
    await queryRunner.query(
      'INSERT INTO "session"("id", "user_id", "emergency", "created_at", "expires_at", "revoked_at", "ip", "user_agent") SELECT "id", "user_id", "emergency", "created_at", "expires_at", "revoked_at", "ip", "user_agent" FROM "temporary_session"',
    );
    await queryRunner.query('DROP TABLE "temporary_session"');
    await queryRunner.query('CREATE INDEX "IDX_session_user" ON "session" ("user_id") ');
    await queryRunner.query('DROP INDEX "IDX_role_assignment_user"');
    await queryRunner.query('DROP INDEX "IDX_role_assignment_role"');
    await queryRunner.query('DROP TABLE "role_assignment"');
    await queryRunner.query('DROP TABLE "role"');
    await queryRunner.query('DROP TABLE "instance"');
    await queryRunner.query('DROP INDEX "IDX_session_user"');
    await queryRunner.query('DROP TABLE "session"');
    await queryRunner.query('DROP TABLE "user"');
    await queryRunner.query('DROP INDEX "IDX_audit_event_at"');
    await queryRunner.query('DROP INDEX "IDX_audit_event_action"');
    await queryRunner.query('DROP TABLE "audit_event"');
  }
}
