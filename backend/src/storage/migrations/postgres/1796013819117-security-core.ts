import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SecurityCore1796013819117 implements MigrationInterface {
  name = 'SecurityCore1796013819117';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "audit_event" ("id" character varying(36) NOT NULL, "at" bigint NOT NULL, "action" character varying(64) NOT NULL, "outcome" character varying(16) NOT NULL, "actor_id" character varying(36), "actor_name" character varying(128), "target_type" character varying(64), "target_id" character varying(64), "ip" character varying(64), "user_agent" character varying(256), "details" text, CONSTRAINT "PK_481efbe8b0a403efe3f47a6528f" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_audit_event_action" ON "audit_event" ("action") ');
    await queryRunner.query('CREATE INDEX "IDX_audit_event_at" ON "audit_event" ("at") ');
    await queryRunner.query(
      'CREATE TABLE "user" ("id" character varying(36) NOT NULL, "username" character varying(64) NOT NULL, "username_key" character varying(64) NOT NULL, "display_name" character varying(128), "password_hash" character varying(100) NOT NULL, "disabled" boolean NOT NULL DEFAULT false, "created_at" bigint NOT NULL, "updated_at" bigint NOT NULL, "last_login_at" bigint, CONSTRAINT "UQ_145bd9b89097323c22aa757085e" UNIQUE ("username_key"), CONSTRAINT "PK_cace4a159ff9f2512dd42373760" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "session" ("id" character varying(36) NOT NULL, "user_id" character varying(36), "emergency" boolean NOT NULL DEFAULT false, "created_at" bigint NOT NULL, "expires_at" bigint NOT NULL, "revoked_at" bigint, "ip" character varying(64), "user_agent" character varying(256), CONSTRAINT "PK_f55da76ac1c3ac420f444d2ff11" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_session_user" ON "session" ("user_id") ');
    await queryRunner.query(
      'CREATE TABLE "instance" ("id" character varying(36) NOT NULL, "name" character varying(128) NOT NULL, "engine" character varying(16) NOT NULL, "connection_secret" text NOT NULL, "tags" text NOT NULL, "created_at" bigint NOT NULL, "updated_at" bigint NOT NULL, CONSTRAINT "PK_eaf60e4a0c399c9935413e06474" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "role" ("id" character varying(36) NOT NULL, "name" character varying(64) NOT NULL, "name_key" character varying(64) NOT NULL, "description" text, "builtin" boolean NOT NULL DEFAULT false, "permissions" text NOT NULL, "created_at" bigint NOT NULL, "updated_at" bigint NOT NULL, CONSTRAINT "UQ_3aadc000679f4a5b8a0e3d3cb2c" UNIQUE ("name_key"), CONSTRAINT "PK_b36bcfe02fc8de3c57a8b2391c2" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "role_assignment" ("id" character varying(36) NOT NULL, "user_id" character varying(36) NOT NULL, "role_id" character varying(36) NOT NULL, "scope" text, "created_at" bigint NOT NULL, CONSTRAINT "PK_7e79671a8a5db18936173148cb4" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_role_assignment_role" ON "role_assignment" ("role_id") ');
    await queryRunner.query('CREATE INDEX "IDX_role_assignment_user" ON "role_assignment" ("user_id") ');
    await queryRunner.query(
      'ALTER TABLE "session" ADD CONSTRAINT "FK_session_user" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "role_assignment" ADD CONSTRAINT "FK_role_assignment_user" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "role_assignment" ADD CONSTRAINT "FK_role_assignment_role" FOREIGN KEY ("role_id") REFERENCES "role"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "role_assignment" DROP CONSTRAINT "FK_role_assignment_role"');
    await queryRunner.query('ALTER TABLE "role_assignment" DROP CONSTRAINT "FK_role_assignment_user"');
    await queryRunner.query('ALTER TABLE "session" DROP CONSTRAINT "FK_session_user"');
    await queryRunner.query('DROP INDEX "public"."IDX_role_assignment_user"');
    await queryRunner.query('DROP INDEX "public"."IDX_role_assignment_role"');
    await queryRunner.query('DROP TABLE "role_assignment"');
    await queryRunner.query('DROP TABLE "role"');
    await queryRunner.query('DROP TABLE "instance"');
    await queryRunner.query('DROP INDEX "public"."IDX_session_user"');
    await queryRunner.query('DROP TABLE "session"');
    await queryRunner.query('DROP TABLE "user"');
    await queryRunner.query('DROP INDEX "public"."IDX_audit_event_at"');
    await queryRunner.query('DROP INDEX "public"."IDX_audit_event_action"');
    await queryRunner.query('DROP TABLE "audit_event"');
  }
}
