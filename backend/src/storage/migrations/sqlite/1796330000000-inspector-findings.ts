import type { MigrationInterface, QueryRunner } from 'typeorm';

const NEW_TABLE =
  'CREATE TABLE "temporary_finding" ("id" varchar(36) PRIMARY KEY NOT NULL, "instance_id" varchar(36), "fingerprint" varchar(64) NOT NULL, "analyzer_id" varchar(64) NOT NULL, "severity" varchar(16) NOT NULL, "objects" text NOT NULL, "title" text NOT NULL, "evidence" text NOT NULL, "recommendation" text NOT NULL, "status" varchar(16) NOT NULL, "snoozed_until" bigint, "status_changed_by" varchar(128), "status_changed_at" bigint, "first_seen_at" bigint NOT NULL, "last_seen_at" bigint NOT NULL, "resolved_at" bigint, CONSTRAINT "FK_finding_instance" FOREIGN KEY ("instance_id") REFERENCES "instance" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)';
const OLD_TABLE = NEW_TABLE.replace('"instance_id" varchar(36),', '"instance_id" varchar(36) NOT NULL,');
const COLUMNS =
  '"id", "instance_id", "fingerprint", "analyzer_id", "severity", "objects", "title", "evidence", "recommendation", "status", "snoozed_until", "status_changed_by", "status_changed_at", "first_seen_at", "last_seen_at", "resolved_at"';

/**
 * Findings about Inspector itself (a failed scheduled backup) have no instance: `instance_id` becomes nullable.
 * SQLite cannot drop NOT NULL in place, so the table is rebuilt; nothing references it, so no row elsewhere moves.
 */
export class InspectorFindings1796330000000 implements MigrationInterface {
  name = 'InspectorFindings1796330000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await rebuild(queryRunner, NEW_TABLE, '');
  }

  /** Inspector's own findings cannot live in the older table: they are dropped. */
  async down(queryRunner: QueryRunner): Promise<void> {
    await rebuild(queryRunner, OLD_TABLE, ' WHERE "instance_id" IS NOT NULL');
  }
}

async function rebuild(queryRunner: QueryRunner, createTable: string, filter: string): Promise<void> {
  await queryRunner.query('DROP INDEX "IDX_finding_fingerprint"');
  await queryRunner.query('DROP INDEX "IDX_finding_resolved"');
  await queryRunner.query(createTable);
  await queryRunner.query(`INSERT INTO "temporary_finding" (${COLUMNS}) SELECT ${COLUMNS} FROM "finding"${filter}`);
  await queryRunner.query('DROP TABLE "finding"');
  await queryRunner.query('ALTER TABLE "temporary_finding" RENAME TO "finding"');
  await queryRunner.query('CREATE INDEX "IDX_finding_resolved" ON "finding" ("status", "resolved_at") ');
  await queryRunner.query('CREATE UNIQUE INDEX "IDX_finding_fingerprint" ON "finding" ("instance_id", "fingerprint") ');
}
