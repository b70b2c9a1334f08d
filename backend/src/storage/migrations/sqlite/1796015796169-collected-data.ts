import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CollectedData1796015796169 implements MigrationInterface {
  name = 'CollectedData1796015796169';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "collector_status" ("instance_id" varchar(36) NOT NULL, "collector_id" varchar(32) NOT NULL, "status" varchar(16) NOT NULL, "last_run_at" bigint NOT NULL, "duration_ms" integer NOT NULL, "rows" integer NOT NULL, "error" text, "consecutive_failures" integer NOT NULL DEFAULT (0), PRIMARY KEY ("instance_id", "collector_id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "metric_point" ("instance_id" varchar(36) NOT NULL, "metric" varchar(100) NOT NULL, "object" varchar(255) NOT NULL, "at" bigint NOT NULL, "collector" varchar(32) NOT NULL, "value" float NOT NULL, "delta" float, PRIMARY KEY ("instance_id", "metric", "object", "at"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_metric_point_retention" ON "metric_point" ("collector", "at") ');
    await queryRunner.query('CREATE INDEX "IDX_metric_point_series" ON "metric_point" ("instance_id", "metric", "at") ');
    await queryRunner.query(
      'CREATE TABLE "metric_state" ("instance_id" varchar(36) NOT NULL, "metric" varchar(100) NOT NULL, "object" varchar(255) NOT NULL, "raw_at" bigint, "raw_value" float, "stored_at" bigint, "stored_value" float, PRIMARY KEY ("instance_id", "metric", "object"))',
    );
    await queryRunner.query(
      'CREATE TABLE "snapshot" ("instance_id" varchar(36) NOT NULL, "kind" varchar(32) NOT NULL, "at" bigint NOT NULL, "rows" text NOT NULL, PRIMARY KEY ("instance_id", "kind"))',
    );
    await queryRunner.query(
      'CREATE TABLE "temporary_instance" ("id" varchar(36) PRIMARY KEY NOT NULL, "name" varchar(128) NOT NULL, "engine" varchar(16) NOT NULL, "connection_secret" text NOT NULL, "tags" text NOT NULL, "created_at" bigint NOT NULL, "updated_at" bigint NOT NULL, "tls_mode" varchar(16), "tls_ca" text, "tls_cert_secret" text, "tls_key_secret" text, "hardware" text)',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_instance"("id", "name", "engine", "connection_secret", "tags", "created_at", "updated_at") SELECT "id", "name", "engine", "connection_secret", "tags", "created_at", "updated_at" FROM "instance"',
    );
    await queryRunner.query('DROP TABLE "instance"');
    await queryRunner.query('ALTER TABLE "temporary_instance" RENAME TO "instance"');
    await queryRunner.query(
      'CREATE TABLE "temporary_collector_status" ("instance_id" varchar(36) NOT NULL, "collector_id" varchar(32) NOT NULL, "status" varchar(16) NOT NULL, "last_run_at" bigint NOT NULL, "duration_ms" integer NOT NULL, "rows" integer NOT NULL, "error" text, "consecutive_failures" integer NOT NULL DEFAULT (0), CONSTRAINT "FK_collector_status_instance" FOREIGN KEY ("instance_id") REFERENCES "instance" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, PRIMARY KEY ("instance_id", "collector_id"))',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_collector_status"("instance_id", "collector_id", "status", "last_run_at", "duration_ms", "rows", "error", "consecutive_failures") SELECT "instance_id", "collector_id", "status", "last_run_at", "duration_ms", "rows", "error", "consecutive_failures" FROM "collector_status"',
    );
    await queryRunner.query('DROP TABLE "collector_status"');
    await queryRunner.query('ALTER TABLE "temporary_collector_status" RENAME TO "collector_status"');
    await queryRunner.query('DROP INDEX "IDX_metric_point_retention"');
    await queryRunner.query('DROP INDEX "IDX_metric_point_series"');
    await queryRunner.query(
      'CREATE TABLE "temporary_metric_point" ("instance_id" varchar(36) NOT NULL, "metric" varchar(100) NOT NULL, "object" varchar(255) NOT NULL, "at" bigint NOT NULL, "collector" varchar(32) NOT NULL, "value" float NOT NULL, "delta" float, CONSTRAINT "FK_metric_point_instance" FOREIGN KEY ("instance_id") REFERENCES "instance" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, PRIMARY KEY ("instance_id", "metric", "object", "at"))',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_metric_point"("instance_id", "metric", "object", "at", "collector", "value", "delta") SELECT "instance_id", "metric", "object", "at", "collector", "value", "delta" FROM "metric_point"',
    );
    await queryRunner.query('DROP TABLE "metric_point"');
    await queryRunner.query('ALTER TABLE "temporary_metric_point" RENAME TO "metric_point"');
    await queryRunner.query('CREATE INDEX "IDX_metric_point_retention" ON "metric_point" ("collector", "at") ');
    await queryRunner.query('CREATE INDEX "IDX_metric_point_series" ON "metric_point" ("instance_id", "metric", "at") ');
    await queryRunner.query(
      'CREATE TABLE "temporary_metric_state" ("instance_id" varchar(36) NOT NULL, "metric" varchar(100) NOT NULL, "object" varchar(255) NOT NULL, "raw_at" bigint, "raw_value" float, "stored_at" bigint, "stored_value" float, CONSTRAINT "FK_metric_state_instance" FOREIGN KEY ("instance_id") REFERENCES "instance" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, PRIMARY KEY ("instance_id", "metric", "object"))',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_metric_state"("instance_id", "metric", "object", "raw_at", "raw_value", "stored_at", "stored_value") SELECT "instance_id", "metric", "object", "raw_at", "raw_value", "stored_at", "stored_value" FROM "metric_state"',
    );
    await queryRunner.query('DROP TABLE "metric_state"');
    await queryRunner.query('ALTER TABLE "temporary_metric_state" RENAME TO "metric_state"');
    await queryRunner.query(
      'CREATE TABLE "temporary_snapshot" ("instance_id" varchar(36) NOT NULL, "kind" varchar(32) NOT NULL, "at" bigint NOT NULL, "rows" text NOT NULL, CONSTRAINT "FK_snapshot_instance" FOREIGN KEY ("instance_id") REFERENCES "instance" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, PRIMARY KEY ("instance_id", "kind"))',
    );
    await queryRunner.query('INSERT INTO "temporary_snapshot"("instance_id", "kind", "at", "rows") SELECT "instance_id", "kind", "at", "rows" FROM "snapshot"');
    await queryRunner.query('DROP TABLE "snapshot"');
    await queryRunner.query('ALTER TABLE "temporary_snapshot" RENAME TO "snapshot"');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "snapshot" RENAME TO "temporary_snapshot"');
    await queryRunner.query(
      'CREATE TABLE "snapshot" ("instance_id" varchar(36) NOT NULL, "kind" varchar(32) NOT NULL, "at" bigint NOT NULL, "rows" text NOT NULL, PRIMARY KEY ("instance_id", "kind"))',
    );
    await queryRunner.query('INSERT INTO "snapshot"("instance_id", "kind", "at", "rows") SELECT "instance_id", "kind", "at", "rows" FROM "temporary_snapshot"');
    await queryRunner.query('DROP TABLE "temporary_snapshot"');
    await queryRunner.query('ALTER TABLE "metric_state" RENAME TO "temporary_metric_state"');
    await queryRunner.query(
      'CREATE TABLE "metric_state" ("instance_id" varchar(36) NOT NULL, "metric" varchar(100) NOT NULL, "object" varchar(255) NOT NULL, "raw_at" bigint, "raw_value" float, "stored_at" bigint, "stored_value" float, PRIMARY KEY ("instance_id", "metric", "object"))',
    );
    await queryRunner.query(
      'INSERT INTO "metric_state"("instance_id", "metric", "object", "raw_at", "raw_value", "stored_at", "stored_value") SELECT "instance_id", "metric", "object", "raw_at", "raw_value", "stored_at", "stored_value" FROM "temporary_metric_state"',
    );
    await queryRunner.query('DROP TABLE "temporary_metric_state"');
    await queryRunner.query('DROP INDEX "IDX_metric_point_series"');
    await queryRunner.query('DROP INDEX "IDX_metric_point_retention"');
    await queryRunner.query('ALTER TABLE "metric_point" RENAME TO "temporary_metric_point"');
    await queryRunner.query(
      'CREATE TABLE "metric_point" ("instance_id" varchar(36) NOT NULL, "metric" varchar(100) NOT NULL, "object" varchar(255) NOT NULL, "at" bigint NOT NULL, "collector" varchar(32) NOT NULL, "value" float NOT NULL, "delta" float, PRIMARY KEY ("instance_id", "metric", "object", "at"))',
    );
    await queryRunner.query(
      'INSERT INTO "metric_point"("instance_id", "metric", "object", "at", "collector", "value", "delta") SELECT "instance_id", "metric", "object", "at", "collector", "value", "delta" FROM "temporary_metric_point"',
    );
    await queryRunner.query('DROP TABLE "temporary_metric_point"');
    await queryRunner.query('CREATE INDEX "IDX_metric_point_series" ON "metric_point" ("instance_id", "metric", "at") ');
    await queryRunner.query('CREATE INDEX "IDX_metric_point_retention" ON "metric_point" ("collector", "at") ');
    await queryRunner.query('ALTER TABLE "collector_status" RENAME TO "temporary_collector_status"');
    await queryRunner.query(
      'CREATE TABLE "collector_status" ("instance_id" varchar(36) NOT NULL, "collector_id" varchar(32) NOT NULL, "status" varchar(16) NOT NULL, "last_run_at" bigint NOT NULL, "duration_ms" integer NOT NULL, "rows" integer NOT NULL, "error" text, "consecutive_failures" integer NOT NULL DEFAULT (0), PRIMARY KEY ("instance_id", "collector_id"))',
    );
    await queryRunner.query(
      'INSERT INTO "collector_status"("instance_id", "collector_id", "status", "last_run_at", "duration_ms", "rows", "error", "consecutive_failures") SELECT "instance_id", "collector_id", "status", "last_run_at", "duration_ms", "rows", "error", "consecutive_failures" FROM "temporary_collector_status"',
    );
    await queryRunner.query('DROP TABLE "temporary_collector_status"');
    await queryRunner.query('ALTER TABLE "instance" RENAME TO "temporary_instance"');
    await queryRunner.query(
      'CREATE TABLE "instance" ("id" varchar(36) PRIMARY KEY NOT NULL, "name" varchar(128) NOT NULL, "engine" varchar(16) NOT NULL, "connection_secret" text NOT NULL, "tags" text NOT NULL, "created_at" bigint NOT NULL, "updated_at" bigint NOT NULL)',
    );
    await queryRunner.query(
      'INSERT INTO "instance"("id", "name", "engine", "connection_secret", "tags", "created_at", "updated_at") SELECT "id", "name", "engine", "connection_secret", "tags", "created_at", "updated_at" FROM "temporary_instance"',
    );
    await queryRunner.query('DROP TABLE "temporary_instance"');
    await queryRunner.query('DROP TABLE "snapshot"');
    await queryRunner.query('DROP TABLE "metric_state"');
    await queryRunner.query('DROP INDEX "IDX_metric_point_series"');
    await queryRunner.query('DROP INDEX "IDX_metric_point_retention"');
    await queryRunner.query('DROP TABLE "metric_point"');
    await queryRunner.query('DROP TABLE "collector_status"');
  }
}
