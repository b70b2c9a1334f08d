import type { MigrationInterface, QueryRunner } from 'typeorm';

const TABLES = ['metric_rollup_5m', 'metric_rollup_1h'];

/**
 * Rollup rows without `min` and `max` (no chart, total or analyzer reads them), counters without a `sum` of their
 * rates (they chart `delta_sum`), and hourly rows with their `span` (see src/metrics/rollups.ts; every existing one
 * covers its hour, whose 5-minute rows exist). Every bucket is kept. SQLite stores values in sequence without
 * padding, so column order does not matter here.
 */
export class CompactRollups1796018600000 implements MigrationInterface {
  name = 'CompactRollups1796018600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "metric_rollup_5m" DROP COLUMN "min"');
    await queryRunner.query('ALTER TABLE "metric_rollup_5m" DROP COLUMN "max"');
    for (const table of TABLES) await queryRunner.query(`UPDATE "${table}" SET "sum" = NULL WHERE "delta_sum" IS NOT NULL`);
    // The hourly table is rebuilt (SQLite cannot change a column's type): `samples` as a smallint like the entity
    // declares (at most 240 readings an hour), and `span` 60 for every existing row.
    await queryRunner.query(
      `CREATE TABLE "temporary_metric_rollup_1h" ("series_id" integer NOT NULL, "bucket" bigint NOT NULL, "samples" smallint NOT NULL, "sum" float, "last" float, "delta_sum" float, "span" smallint NOT NULL DEFAULT (60), CONSTRAINT "FK_metric_rollup_1h_series" FOREIGN KEY ("series_id") REFERENCES "metric_series" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, PRIMARY KEY ("series_id", "bucket")) WITHOUT ROWID`,
    );
    await queryRunner.query(
      'INSERT INTO "temporary_metric_rollup_1h" ("series_id", "bucket", "samples", "sum", "last", "delta_sum", "span") SELECT "series_id", "bucket", "samples", "sum", "last", "delta_sum", 60 FROM "metric_rollup_1h"',
    );
    await queryRunner.query('DROP TABLE "metric_rollup_1h"');
    await queryRunner.query('ALTER TABLE "temporary_metric_rollup_1h" RENAME TO "metric_rollup_1h"');
  }

  /**
   * Back to the v2 columns: `min` and `max` come back empty, counters' `sum` stays null, and hours written as one row
   * lose their 5-minute and raw stand-ins (what was dropped cannot be rebuilt from the rollups).
   */
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "metric_rollup_1h" DROP COLUMN "span"');
    for (const table of TABLES) {
      await queryRunner.query(`ALTER TABLE "${table}" ADD COLUMN "min" float`);
      await queryRunner.query(`ALTER TABLE "${table}" ADD COLUMN "max" float`);
    }
  }
}
