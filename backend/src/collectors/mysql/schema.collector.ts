import type { Collector } from '../collector';
import { readIndexes } from './indexes';
import type { MysqlAutoIncrementRow, MysqlForeignKeyRow, MysqlIndexRow, MysqlSchemaFacts } from './rows';
import { MYSQL_INDEXES } from './sql/indexes';
import { MYSQL_AUTO_INCREMENTS, MYSQL_FOREIGN_KEYS } from './sql/schema';

/** The largest value each integer type holds, signed and unsigned (bigint's as the nearest double, as snapshots hold numbers). */
const MAX_VALUES: Readonly<Record<string, [signed: number, unsigned: number]>> = {
  tinyint: [127, 255],
  smallint: [32_767, 65_535],
  mediumint: [8_388_607, 16_777_215],
  int: [2_147_483_647, 4_294_967_295],
  integer: [2_147_483_647, 4_294_967_295],
  bigint: [Number(2n ** 63n - 1n), Number(2n ** 64n - 1n)],
};

/** Foreign keys (and whether an index serves them) and auto-increment columns with their headroom. */
export const mysqlSchemaCollector: Collector = {
  id: 'mysql_schema',
  title: 'MySQL schema',
  engine: 'mysql',
  tier: 'slow',
  metrics: [],
  defaultIntervalSeconds: 3600,
  defaultRetentionDays: 365,
  queries: [MYSQL_FOREIGN_KEYS, MYSQL_AUTO_INCREMENTS, MYSQL_INDEXES],
  async collect(conn, ctx) {
    const indexes = await readIndexes(conn, ctx.relationLimit);
    const foreignKeys: MysqlForeignKeyRow[] = (await conn.run(MYSQL_FOREIGN_KEYS, ctx.relationLimit)).map((row) => {
      const columns = row.columns.split(',');
      return {
        schema: row.schema,
        table: row.table,
        constraint: row.constraint,
        columns,
        referenced_table: row.referenced_table,
        has_index: served(indexes, row, columns),
      };
    });
    const autoIncrements: MysqlAutoIncrementRow[] = (await conn.run(MYSQL_AUTO_INCREMENTS, ctx.relationLimit)).flatMap((row) => {
      const limits = MAX_VALUES[row.data_type];
      if (!limits) return [];
      const unsigned = Boolean(Number(row.is_unsigned));
      return [
        {
          schema: row.schema,
          table: row.table,
          column: row.column,
          data_type: row.data_type,
          unsigned,
          next_value: Number(row.next_value ?? 1),
          max_value: unsigned ? limits[1] : limits[0],
        },
      ];
    });
    const facts: MysqlSchemaFacts = { foreign_keys: foreignKeys, auto_increments: autoIncrements };
    return { metrics: [], facts: { ...facts } };
  },
};

/** Some index of the table starts with the key's columns, in order. */
function served(indexes: readonly MysqlIndexRow[], key: { schema: string; table: string }, columns: readonly string[]): boolean {
  return indexes.some(
    (index) => index.schema === key.schema && index.table === key.table && columns.every((column, position) => index.columns[position] === column),
  );
}
