import type { MigrationInterface, QueryRunner } from 'typeorm';

const KEY = 'PK_91e91261f1b0885ebe538fb8efc';

/**
 * 5-minute rows gain their `span` (see src/metrics/rollups.ts): a bucket with a single point is stored once, as a row
 * at the point's time that raw reads take for the point. Every existing row covers its bucket (span 5); the raw points
 * stay. `samples` becomes a smallint (at most a few dozen readings in 5 minutes), and the table is rebuilt so the
 * series id, `samples` and `span` fill the 8 bytes before `bucket` (added in place, `span` would sit after the doubles
 * and pad every row by 8 bytes).
 */
export class FiveMinutePoints1796320000000 implements MigrationInterface {
  name = 'FiveMinutePoints1796320000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await rebuild(
      queryRunner,
      '"series_id" integer NOT NULL, "samples" smallint NOT NULL, "span" smallint NOT NULL DEFAULT 5, "bucket" bigint NOT NULL, "sum" double precision, "last" double precision, "delta_sum" double precision',
      `INSERT INTO "metric_rollup_5m" ("series_id", "samples", "span", "bucket", "sum", "last", "delta_sum")
       SELECT "series_id", "samples", 5, "bucket", "sum", "last", "delta_sum" FROM "metric_rollup_5m_v3"`,
    );
  }

  /**
   * Back to rows without a span: each row goes to the start of its 5-minute bucket (rows of one bucket merged), and
   * the single points those rows held are not raw points again (raw reads no longer find them; rollups keep them).
   */
  async down(queryRunner: QueryRunner): Promise<void> {
    await rebuild(
      queryRunner,
      '"series_id" integer NOT NULL, "samples" integer NOT NULL, "bucket" bigint NOT NULL, "sum" double precision, "last" double precision, "delta_sum" double precision',
      `INSERT INTO "metric_rollup_5m" ("series_id", "samples", "bucket", "sum", "last", "delta_sum")
       SELECT "series_id", SUM("samples"), "start", SUM("sum"), MAX("latest"), SUM("delta_sum")
       FROM (SELECT "series_id", "samples", "sum", "delta_sum", "bucket" - "bucket" % 300000 AS "start",
               FIRST_VALUE("last") OVER (PARTITION BY "series_id", "bucket" - "bucket" % 300000 ORDER BY "bucket" DESC) AS "latest"
             FROM "metric_rollup_5m_v3") "aligned"
       GROUP BY "series_id", "start"`,
    );
  }
}

/** Recreates metric_rollup_5m with `columns`, filled by `copy` from the old table (renamed metric_rollup_5m_v3). */
async function rebuild(queryRunner: QueryRunner, columns: string, copy: string): Promise<void> {
  await queryRunner.query('ALTER TABLE "metric_rollup_5m" DROP CONSTRAINT "FK_metric_rollup_5m_series"');
  await queryRunner.query('ALTER TABLE "metric_rollup_5m" RENAME TO "metric_rollup_5m_v3"');
  await queryRunner.query(`ALTER TABLE "metric_rollup_5m_v3" RENAME CONSTRAINT "${KEY}" TO "PK_metric_rollup_5m_v3"`);
  await queryRunner.query(`CREATE TABLE "metric_rollup_5m" (${columns}, CONSTRAINT "${KEY}" PRIMARY KEY ("series_id", "bucket"))`);
  await queryRunner.query(copy);
  await queryRunner.query('DROP TABLE "metric_rollup_5m_v3"');
  // Added after the copy, as in MetricStoreV2: one check of all rows beats a trigger per inserted row.
  await queryRunner.query(
    'ALTER TABLE "metric_rollup_5m" ADD CONSTRAINT "FK_metric_rollup_5m_series" FOREIGN KEY ("series_id") REFERENCES "metric_series"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
  );
}
