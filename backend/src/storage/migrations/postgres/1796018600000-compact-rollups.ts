import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Each tier's columns, in an order without alignment padding (4-byte integers first, in pairs, then 8-byte values). */
const TABLES = [
  ['metric_rollup_5m', 'PK_91e91261f1b0885ebe538fb8efc', '"samples" integer NOT NULL'],
  ['metric_rollup_1h', 'PK_043b1e687bfd386abf775bf7e20', '"samples" smallint NOT NULL, "span" smallint NOT NULL DEFAULT 60'],
] as const;

/**
 * Rollup rows a third smaller: `min` and `max` go (no chart, total or analyzer reads them), counters keep no `sum` of
 * their rates (they chart `delta_sum`), hourly rows gain their `span` (see src/metrics/rollups.ts; every existing one
 * covers its hour, whose 5-minute rows exist), and the columns are rebuilt in an order without alignment padding
 * (dropping a column in place would leave it in every new row's null bitmap). Every bucket is kept.
 */
export class CompactRollups1796018600000 implements MigrationInterface {
  name = 'CompactRollups1796018600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const [table, key, counts] of TABLES) {
      await queryRunner.query(`ALTER TABLE "${table}" DROP CONSTRAINT "FK_${table}_series"`);
      await queryRunner.query(`ALTER TABLE "${table}" RENAME TO "${table}_v2"`);
      await queryRunner.query(`ALTER TABLE "${table}_v2" RENAME CONSTRAINT "${key}" TO "PK_${table}_v2"`);
      await queryRunner.query(
        `CREATE TABLE "${table}" ("series_id" integer NOT NULL, ${counts}, "bucket" bigint NOT NULL, "sum" double precision, "last" double precision, "delta_sum" double precision, CONSTRAINT "${key}" PRIMARY KEY ("series_id", "bucket"))`,
      );
      await queryRunner.query(
        `INSERT INTO "${table}" ("series_id", "samples", "bucket", "sum", "last", "delta_sum")
         SELECT "series_id", "samples", "bucket", CASE WHEN "delta_sum" IS NULL THEN "sum" END, "last", "delta_sum" FROM "${table}_v2"`,
      );
      await queryRunner.query(`DROP TABLE "${table}_v2"`);
      // Added after the copy, as in MetricStoreV2: one check of all rows beats a trigger per inserted row.
      await queryRunner.query(
        `ALTER TABLE "${table}" ADD CONSTRAINT "FK_${table}_series" FOREIGN KEY ("series_id") REFERENCES "metric_series"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
      );
    }
  }

  /**
   * Back to the v2 columns: `min` and `max` come back empty, counters' `sum` stays null, and hours written as one row
   * lose their 5-minute and raw stand-ins (what was dropped cannot be rebuilt from the rollups).
   */
  async down(queryRunner: QueryRunner): Promise<void> {
    for (const [table] of TABLES) await queryRunner.query(`ALTER TABLE "${table}" ADD "min" double precision, ADD "max" double precision`);
    await queryRunner.query('ALTER TABLE "metric_rollup_1h" DROP COLUMN "span"');
  }
}
