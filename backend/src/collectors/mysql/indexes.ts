import type { QueryRunner } from '../collector';
import type { MysqlIndexRow } from './rows';
import { MYSQL_INDEXES } from './sql/indexes';

/** Indexes of user tables with their key columns and the rows read through each. */
export async function readIndexes(conn: QueryRunner, limit: number): Promise<MysqlIndexRow[]> {
  return (await conn.run(MYSQL_INDEXES, limit)).map((row) => ({
    schema: row.schema,
    table: row.table,
    index: row.index,
    columns: row.columns ? row.columns.split(',') : [],
    unique: Boolean(Number(row.is_unique)),
    primary: row.index === 'PRIMARY',
    // A FULLTEXT index beside a BTREE one on the same column is not a duplicate of it.
    index_type: row.index_type,
    rows_read: row.rows_read === null ? null : Number(row.rows_read),
  }));
}
