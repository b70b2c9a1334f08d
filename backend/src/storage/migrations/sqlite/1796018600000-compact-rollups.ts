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
    for (const table of TABLES) {
      await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "min"`);
      await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "max"`);
      await queryRunner.query(`UPDATE "${table}" SET "sum" = NULL WHERE "delta_sum" IS NOT NULL`);
    }
    await queryRunner.query('ALTER TABLE "metric_rollup_1h" ADD COLUMN "span" smallint NOT NULL DEFAULT (60)');
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
