import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Findings1796016000000 implements MigrationInterface {
  name = 'Findings1796016000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "finding" ("id" varchar(36) PRIMARY KEY NOT NULL, "instance_id" varchar(36) NOT NULL, "fingerprint" varchar(64) NOT NULL, "analyzer_id" varchar(64) NOT NULL, "severity" varchar(16) NOT NULL, "objects" text NOT NULL, "title" text NOT NULL, "evidence" text NOT NULL, "recommendation" text NOT NULL, "status" varchar(16) NOT NULL, "snoozed_until" bigint, "status_changed_by" varchar(128), "status_changed_at" bigint, "first_seen_at" bigint NOT NULL, "last_seen_at" bigint NOT NULL, "resolved_at" bigint, CONSTRAINT "FK_finding_instance" FOREIGN KEY ("instance_id") REFERENCES "instance" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)',
    );
    await queryRunner.query('CREATE INDEX "IDX_finding_resolved" ON "finding" ("status", "resolved_at") ');
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_finding_fingerprint" ON "finding" ("instance_id", "fingerprint") ');
    await queryRunner.query(
      'CREATE TABLE "analyzer_override" ("instance_id" varchar(36) NOT NULL, "analyzer_id" varchar(64) NOT NULL, "enabled" boolean, "thresholds" text NOT NULL, "updated_at" bigint NOT NULL, CONSTRAINT "FK_analyzer_override_instance" FOREIGN KEY ("instance_id") REFERENCES "instance" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, PRIMARY KEY ("instance_id", "analyzer_id"))',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "analyzer_override"');
    await queryRunner.query('DROP INDEX "IDX_finding_fingerprint"');
    await queryRunner.query('DROP INDEX "IDX_finding_resolved"');
    await queryRunner.query('DROP TABLE "finding"');
  }
}
