import type { MigrationInterface, QueryRunner } from 'typeorm';
import { moveCollectedData } from '../metric-store-v2-data';

const DAY_MS = 86_400_000;
/** Days created ahead of now, as the metrics store keeps them. */
const DAYS_AHEAD = 3;

/**
 * Creates the daily partitions of metric_point from `fromMs` to `toMs`, named as src/metrics/point-partitions.ts names
 * them. A copy rather than an import: a migration keeps doing what it did when it shipped, and storage imports no feature.
 */
async function ensurePartitions(queryRunner: QueryRunner, fromMs: number, toMs: number): Promise<void> {
  for (let day = Math.floor(fromMs / DAY_MS) * DAY_MS; day <= toMs; day += DAY_MS) {
    const name = `metric_point_p${new Date(day).toISOString().slice(0, 10).replaceAll('-', '')}`;
    // Bounds are numbers computed here and the name is derived from them: nothing user-supplied reaches this DDL.
    await queryRunner.query(`CREATE TABLE IF NOT EXISTS "${name}" PARTITION OF "metric_point" FOR VALUES FROM (${day}) TO (${day + DAY_MS})`);
  }
}

/** Series + narrow points in daily partitions, rollup tiers and coverage spans; today's points move over (see metric-store-v2-data). */
export class MetricStoreV21796018000000 implements MigrationInterface {
  name = 'MetricStoreV21796018000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "metric_point" DROP CONSTRAINT "FK_metric_point_instance"');
    await queryRunner.query('DROP INDEX "public"."IDX_metric_point_retention"');
    await queryRunner.query('DROP INDEX "public"."IDX_metric_point_series"');
    await queryRunner.query('ALTER TABLE "metric_point" RENAME TO "metric_point_v1"');
    await queryRunner.query('ALTER TABLE "metric_point_v1" RENAME CONSTRAINT "PK_354dd447ca19309abad5e265b6e" TO "PK_metric_point_v1"');
    await queryRunner.query(
      'CREATE TABLE "metric_series" ("id" SERIAL NOT NULL, "instance_id" character varying(36) NOT NULL, "collector" character varying(32) NOT NULL, "metric" character varying(100) NOT NULL, "object" character varying(255) NOT NULL, "kind" character varying(8) NOT NULL, "raw_at" bigint, "raw_value" double precision, "stored_at" bigint, "stored_value" double precision, CONSTRAINT "PK_aeaccb4123ae9612ca49d4f4967" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_metric_series_name" ON "metric_series" ("instance_id", "metric", "object") ');
    await queryRunner.query(
      'CREATE TABLE "metric_point" ("series_id" integer NOT NULL, "at" bigint NOT NULL, "value" double precision, "delta" double precision, CONSTRAINT "PK_16de8c0ee14e1d23cbc7d09e02c" PRIMARY KEY ("series_id", "at")) PARTITION BY RANGE ("at")',
    );
    for (const [table, key] of [
      ['metric_rollup_5m', 'PK_91e91261f1b0885ebe538fb8efc'],
      ['metric_rollup_1h', 'PK_043b1e687bfd386abf775bf7e20'],
    ]) {
      await queryRunner.query(
        `CREATE TABLE "${table}" ("series_id" integer NOT NULL, "bucket" bigint NOT NULL, "samples" integer NOT NULL, "min" double precision, "max" double precision, "sum" double precision, "last" double precision, "delta_sum" double precision, CONSTRAINT "${key}" PRIMARY KEY ("series_id", "bucket"))`,
      );
    }
    await queryRunner.query(
      'CREATE TABLE "collector_coverage" ("instance_id" character varying(36) NOT NULL, "collector_id" character varying(32) NOT NULL, "started_at" bigint NOT NULL, "ended_at" bigint NOT NULL, "interval_ms" integer NOT NULL, CONSTRAINT "PK_0b4cd440d76add2a387451a2d79" PRIMARY KEY ("instance_id", "collector_id", "started_at"))',
    );
    // Every old point needs its day, including any written while the host's clock ran ahead.
    const [{ oldest, newest }] = (await queryRunner.query('SELECT MIN("at") AS "oldest", MAX("at") AS "newest" FROM "metric_point_v1"')) as Array<{
      oldest: string | null;
      newest: string | null;
    }>;
    const now = Date.now();
    await ensurePartitions(queryRunner, Math.min(Number(oldest ?? now), now), Math.max(Number(newest ?? now), now + DAYS_AHEAD * DAY_MS));
    await moveCollectedData(queryRunner, { collectorOf: (metric) => `split_part(${metric}, '.', 1)` });
    // Added after the move: checking a million rows in one pass is many times faster than a trigger per inserted row.
    await queryRunner.query(
      'ALTER TABLE "metric_series" ADD CONSTRAINT "FK_metric_series_instance" FOREIGN KEY ("instance_id") REFERENCES "instance"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "metric_point" ADD CONSTRAINT "FK_metric_point_series" FOREIGN KEY ("series_id") REFERENCES "metric_series"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "metric_rollup_5m" ADD CONSTRAINT "FK_metric_rollup_5m_series" FOREIGN KEY ("series_id") REFERENCES "metric_series"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "metric_rollup_1h" ADD CONSTRAINT "FK_metric_rollup_1h_series" FOREIGN KEY ("series_id") REFERENCES "metric_series"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "collector_coverage" ADD CONSTRAINT "FK_collector_coverage_instance" FOREIGN KEY ("instance_id") REFERENCES "instance"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  /** The wide layout comes back empty: its heartbeat repeats cannot be rebuilt, and a downgrade is a fresh start of history. */
  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['collector_coverage', 'metric_rollup_1h', 'metric_rollup_5m', 'metric_point', 'metric_series'])
      await queryRunner.query(`DROP TABLE "${table}" CASCADE`);
    await queryRunner.query(
      'CREATE TABLE "metric_point" ("instance_id" character varying(36) NOT NULL, "metric" character varying(100) NOT NULL, "object" character varying(255) NOT NULL, "at" bigint NOT NULL, "collector" character varying(32) NOT NULL, "value" double precision NOT NULL, "delta" double precision, CONSTRAINT "PK_354dd447ca19309abad5e265b6e" PRIMARY KEY ("instance_id", "metric", "object", "at"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_metric_point_retention" ON "metric_point" ("collector", "at") ');
    await queryRunner.query('CREATE INDEX "IDX_metric_point_series" ON "metric_point" ("instance_id", "metric", "at") ');
    await queryRunner.query(
      'CREATE TABLE "metric_state" ("instance_id" character varying(36) NOT NULL, "metric" character varying(100) NOT NULL, "object" character varying(255) NOT NULL, "raw_at" bigint, "raw_value" double precision, "stored_at" bigint, "stored_value" double precision, CONSTRAINT "PK_1b17c77196d23b65bb5fc8becd7" PRIMARY KEY ("instance_id", "metric", "object"))',
    );
    await queryRunner.query(
      'ALTER TABLE "metric_point" ADD CONSTRAINT "FK_metric_point_instance" FOREIGN KEY ("instance_id") REFERENCES "instance"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "metric_state" ADD CONSTRAINT "FK_metric_state_instance" FOREIGN KEY ("instance_id") REFERENCES "instance"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }
}
