import type { MigrationInterface, QueryRunner } from 'typeorm';

const TABLES = ['metric_rollup_5m', 'metric_rollup_1h'];

/**
 * Rollup rows without `min` and `max` (no chart, total or analyzer reads them), and counters without a `sum` of their
 * rates (they chart `delta_sum`). Every bucket is kept. SQLite stores values in sequence without padding, so column
 * order does not matter here.
 */
export class NarrowRollups1796018600000 implements MigrationInterface {
  name = 'NarrowRollups1796018600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "min"`);
      await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "max"`);
      await queryRunner.query(`UPDATE "${table}" SET "sum" = NULL WHERE "delta_sum" IS NOT NULL`);
    }
  }

  /** `min` and `max` come back empty and counters' `sum` stays null: what was dropped cannot be rebuilt from the rollups. */
  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      await queryRunner.query(`ALTER TABLE "${table}" ADD COLUMN "min" float`);
      await queryRunner.query(`ALTER TABLE "${table}" ADD COLUMN "max" float`);
    }
  }
}
