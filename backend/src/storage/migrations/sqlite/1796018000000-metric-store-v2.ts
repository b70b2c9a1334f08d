import type { MigrationInterface, QueryRunner } from 'typeorm';
import { moveCollectedData } from '../metric-store-v2-data';

const cascadeTo = (name: string, column: string, references: string) =>
  `CONSTRAINT "${name}" FOREIGN KEY ("${column}") REFERENCES "${references}" ("id") ON DELETE CASCADE ON UPDATE NO ACTION`;

/** Series + narrow points without rowids, rollup tiers and coverage spans; today's points move over (see metric-store-v2-data). */
export class MetricStoreV21796018000000 implements MigrationInterface {
  name = 'MetricStoreV21796018000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "IDX_metric_point_series"');
    await queryRunner.query('DROP INDEX "IDX_metric_point_retention"');
    await queryRunner.query('ALTER TABLE "metric_point" RENAME TO "metric_point_v1"');
    await queryRunner.query(
      `CREATE TABLE "metric_series" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "instance_id" varchar(36) NOT NULL, "collector" varchar(32) NOT NULL, "metric" varchar(100) NOT NULL, "object" varchar(255) NOT NULL, "kind" varchar(8) NOT NULL, "raw_at" bigint, "raw_value" float, "stored_at" bigint, "stored_value" float, ${cascadeTo('FK_metric_series_instance', 'instance_id', 'instance')})`,
    );
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_metric_series_name" ON "metric_series" ("instance_id", "metric", "object") ');
    await queryRunner.query(
      `CREATE TABLE "metric_point" ("series_id" integer NOT NULL, "at" bigint NOT NULL, "value" float, "delta" float, ${cascadeTo('FK_metric_point_series', 'series_id', 'metric_series')}, PRIMARY KEY ("series_id", "at")) WITHOUT ROWID`,
    );
    for (const table of ['metric_rollup_5m', 'metric_rollup_1h']) {
      await queryRunner.query(
        `CREATE TABLE "${table}" ("series_id" integer NOT NULL, "bucket" bigint NOT NULL, "samples" integer NOT NULL, "min" float, "max" float, "sum" float, "last" float, "delta_sum" float, ${cascadeTo(`FK_${table}_series`, 'series_id', 'metric_series')}, PRIMARY KEY ("series_id", "bucket")) WITHOUT ROWID`,
      );
    }
    await queryRunner.query(
      `CREATE TABLE "collector_coverage" ("instance_id" varchar(36) NOT NULL, "collector_id" varchar(32) NOT NULL, "started_at" bigint NOT NULL, "ended_at" bigint NOT NULL, "interval_ms" integer NOT NULL, ${cascadeTo('FK_collector_coverage_instance', 'instance_id', 'instance')}, PRIMARY KEY ("instance_id", "collector_id", "started_at"))`,
    );
    await moveCollectedData(queryRunner, { collectorOf: (metric) => `substr(${metric}, 1, instr(${metric}, '.') - 1)` });
  }

  /** The wide layout comes back empty: its heartbeat repeats cannot be rebuilt, and a downgrade is a fresh start of history. */
  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['collector_coverage', 'metric_rollup_1h', 'metric_rollup_5m', 'metric_point', 'metric_series'])
      await queryRunner.query(`DROP TABLE "${table}"`);
    await queryRunner.query(
      `CREATE TABLE "metric_point" ("instance_id" varchar(36) NOT NULL, "metric" varchar(100) NOT NULL, "object" varchar(255) NOT NULL, "at" bigint NOT NULL, "collector" varchar(32) NOT NULL, "value" float NOT NULL, "delta" float, ${cascadeTo('FK_metric_point_instance', 'instance_id', 'instance')}, PRIMARY KEY ("instance_id", "metric", "object", "at"))`,
    );
    await queryRunner.query('CREATE INDEX "IDX_metric_point_series" ON "metric_point" ("instance_id", "metric", "at") ');
    await queryRunner.query('CREATE INDEX "IDX_metric_point_retention" ON "metric_point" ("collector", "at") ');
    await queryRunner.query(
      `CREATE TABLE "metric_state" ("instance_id" varchar(36) NOT NULL, "metric" varchar(100) NOT NULL, "object" varchar(255) NOT NULL, "raw_at" bigint, "raw_value" float, "stored_at" bigint, "stored_value" float, ${cascadeTo('FK_metric_state_instance', 'instance_id', 'instance')}, PRIMARY KEY ("instance_id", "metric", "object"))`,
    );
  }
}
