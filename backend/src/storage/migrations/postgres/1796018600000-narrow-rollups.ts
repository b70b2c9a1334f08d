import type { MigrationInterface, QueryRunner } from 'typeorm';

const TABLES = [
  ['metric_rollup_5m', 'PK_91e91261f1b0885ebe538fb8efc'],
  ['metric_rollup_1h', 'PK_043b1e687bfd386abf775bf7e20'],
] as const;

const foreignKey = (table: string) =>
  `ALTER TABLE "${table}" ADD CONSTRAINT "FK_${table}_series" FOREIGN KEY ("series_id") REFERENCES "metric_series"("id") ON DELETE CASCADE ON UPDATE NO ACTION`;

/**
 * Rollup rows a third smaller: `min` and `max` go (no chart, total or analyzer reads them), counters keep no `sum` of
 * their rates (they chart `delta_sum`), and the columns are rebuilt in an order without alignment padding (PostgreSQL
 * pads a 4-byte integer before an 8-byte value; dropping a column in place would leave it in every new row's null
 * bitmap). Every bucket is kept.
 */
export class NarrowRollups1796018600000 implements MigrationInterface {
  name = 'NarrowRollups1796018600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const [table, key] of TABLES) {
      await queryRunner.query(`ALTER TABLE "${table}" DROP CONSTRAINT "FK_${table}_series"`);
      await queryRunner.query(`ALTER TABLE "${table}" RENAME TO "${table}_v2"`);
      await queryRunner.query(`ALTER TABLE "${table}_v2" RENAME CONSTRAINT "${key}" TO "PK_${table}_v2"`);
      await queryRunner.query(
        `CREATE TABLE "${table}" ("series_id" integer NOT NULL, "samples" integer NOT NULL, "bucket" bigint NOT NULL, "sum" double precision, "last" double precision, "delta_sum" double precision, CONSTRAINT "${key}" PRIMARY KEY ("series_id", "bucket"))`,
      );
      await queryRunner.query(
        `INSERT INTO "${table}" ("series_id", "samples", "bucket", "sum", "last", "delta_sum")
         SELECT "series_id", "samples", "bucket", CASE WHEN "delta_sum" IS NULL THEN "sum" END, "last", "delta_sum" FROM "${table}_v2"`,
      );
      await queryRunner.query(`DROP TABLE "${table}_v2"`);
      // Added after the copy, as in MetricStoreV2: one check of all rows beats a trigger per inserted row.
      await queryRunner.query(foreignKey(table));
    }
  }

  /** `min` and `max` come back empty and counters' `sum` stays null: what was dropped cannot be rebuilt from the rollups. */
  async down(queryRunner: QueryRunner): Promise<void> {
    for (const [table] of TABLES) await queryRunner.query(`ALTER TABLE "${table}" ADD "min" double precision, ADD "max" double precision`);
  }
}
