import type { MigrationInterface, QueryRunner } from 'typeorm';

const FOREIGN_KEY =
  'CONSTRAINT "FK_metric_rollup_5m_series" FOREIGN KEY ("series_id") REFERENCES "metric_series" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, PRIMARY KEY ("series_id", "bucket")';

/**
 * 5-minute rows gain their `span` (see src/metrics/rollups.ts): a bucket with a single point is stored once, as a row
 * at the point's time that raw reads take for the point. Every existing row covers its bucket (span 5); the raw points
 * stay. The table is rebuilt (SQLite cannot change a column's type) with `samples` a smallint as the entity declares.
 */
export class FiveMinutePoints1796320000000 implements MigrationInterface {
  name = 'FiveMinutePoints1796320000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await rebuild(
      queryRunner,
      '"series_id" integer NOT NULL, "bucket" bigint NOT NULL, "samples" smallint NOT NULL, "sum" float, "last" float, "delta_sum" float, "span" smallint NOT NULL DEFAULT (5)',
      'INSERT INTO "temporary_metric_rollup_5m" ("series_id", "bucket", "samples", "sum", "last", "delta_sum", "span") SELECT "series_id", "bucket", "samples", "sum", "last", "delta_sum", 5 FROM "metric_rollup_5m"',
    );
  }

  /**
   * Back to rows without a span: each row goes to the start of its 5-minute bucket (rows of one bucket merged), and
   * the single points those rows held are not raw points again (raw reads no longer find them; rollups keep them).
   */
  async down(queryRunner: QueryRunner): Promise<void> {
    await rebuild(
      queryRunner,
      '"series_id" integer NOT NULL, "bucket" bigint NOT NULL, "samples" integer NOT NULL, "sum" float, "last" float, "delta_sum" float',
      `INSERT INTO "temporary_metric_rollup_5m" ("series_id", "samples", "bucket", "sum", "last", "delta_sum")
       SELECT "series_id", SUM("samples"), "start", SUM("sum"), MAX("latest"), SUM("delta_sum")
       FROM (SELECT "series_id", "samples", "sum", "delta_sum", "bucket" - "bucket" % 300000 AS "start",
               FIRST_VALUE("last") OVER (PARTITION BY "series_id", "bucket" - "bucket" % 300000 ORDER BY "bucket" DESC) AS "latest"
             FROM "metric_rollup_5m")
       GROUP BY "series_id", "start"`,
    );
  }
}

/** Recreates metric_rollup_5m with `columns`, filled by `copy` into temporary_metric_rollup_5m from the old table. */
async function rebuild(queryRunner: QueryRunner, columns: string, copy: string): Promise<void> {
  await queryRunner.query(`CREATE TABLE "temporary_metric_rollup_5m" (${columns}, ${FOREIGN_KEY}) WITHOUT ROWID`);
  await queryRunner.query(copy);
  await queryRunner.query('DROP TABLE "metric_rollup_5m"');
  await queryRunner.query('ALTER TABLE "temporary_metric_rollup_5m" RENAME TO "metric_rollup_5m"');
}
