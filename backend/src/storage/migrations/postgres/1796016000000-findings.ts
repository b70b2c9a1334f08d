import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Findings1796016000000 implements MigrationInterface {
  name = 'Findings1796016000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "finding" ("id" character varying(36) NOT NULL, "instance_id" character varying(36) NOT NULL, "fingerprint" character varying(64) NOT NULL, "analyzer_id" character varying(64) NOT NULL, "severity" character varying(16) NOT NULL, "objects" text NOT NULL, "title" text NOT NULL, "evidence" text NOT NULL, "recommendation" text NOT NULL, "status" character varying(16) NOT NULL, "snoozed_until" bigint, "status_changed_by" character varying(128), "status_changed_at" bigint, "first_seen_at" bigint NOT NULL, "last_seen_at" bigint NOT NULL, "resolved_at" bigint, CONSTRAINT "PK_a904dfcf401ccfbaa60bb6eec29" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_finding_resolved" ON "finding" ("status", "resolved_at") ');
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_finding_fingerprint" ON "finding" ("instance_id", "fingerprint") ');
    await queryRunner.query(
      'CREATE TABLE "analyzer_override" ("instance_id" character varying(36) NOT NULL, "analyzer_id" character varying(64) NOT NULL, "enabled" boolean, "thresholds" text NOT NULL, "updated_at" bigint NOT NULL, CONSTRAINT "PK_1e7004db297d93e3a046d53e857" PRIMARY KEY ("instance_id", "analyzer_id"))',
    );
    await queryRunner.query(
      'ALTER TABLE "finding" ADD CONSTRAINT "FK_finding_instance" FOREIGN KEY ("instance_id") REFERENCES "instance"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "analyzer_override" ADD CONSTRAINT "FK_analyzer_override_instance" FOREIGN KEY ("instance_id") REFERENCES "instance"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "analyzer_override" DROP CONSTRAINT "FK_analyzer_override_instance"');
    await queryRunner.query('ALTER TABLE "finding" DROP CONSTRAINT "FK_finding_instance"');
    await queryRunner.query('DROP TABLE "analyzer_override"');
    await queryRunner.query('DROP INDEX "public"."IDX_finding_fingerprint"');
    await queryRunner.query('DROP INDEX "public"."IDX_finding_resolved"');
    await queryRunner.query('DROP TABLE "finding"');
  }
}
