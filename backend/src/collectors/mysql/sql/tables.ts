import { defineQuery } from '../../sql/define';
import { SYSTEM_SCHEMAS } from './user-schemas';

export interface MysqlTableStatsRow {
  schema: string;
  table: string;
  engine: string | null;
  rows_estimate: number;
  data_bytes: number;
  index_bytes: number;
  has_primary_key: number;
}

/**
 * Base tables of user schemas (the primary key from STATISTICS: MariaDB hides TABLE_CONSTRAINTS from an account
 * with SELECT only) the account can see, largest first, with the storage engine's estimates (InnoDB's
 * row count is sampled). Parameter: the row limit.
 */
export const MYSQL_TABLES = defineQuery<MysqlTableStatsRow, [limit: number]>(
  'mysql_tables',
  `SELECT t.TABLE_SCHEMA AS \`schema\`, t.TABLE_NAME AS \`table\`, t.ENGINE AS engine,
          COALESCE(t.TABLE_ROWS, 0) AS rows_estimate,
          COALESCE(t.DATA_LENGTH, 0) AS data_bytes,
          COALESCE(t.INDEX_LENGTH, 0) AS index_bytes,
          EXISTS (SELECT 1 FROM information_schema.STATISTICS s
                   WHERE s.TABLE_SCHEMA = t.TABLE_SCHEMA AND s.TABLE_NAME = t.TABLE_NAME
                     AND s.INDEX_NAME = 'PRIMARY') AS has_primary_key
     FROM information_schema.TABLES t
    WHERE t.TABLE_TYPE = 'BASE TABLE' AND t.TABLE_SCHEMA NOT IN ${SYSTEM_SCHEMAS}
    ORDER BY COALESCE(t.DATA_LENGTH, 0) + COALESCE(t.INDEX_LENGTH, 0) DESC, t.TABLE_SCHEMA, t.TABLE_NAME
    LIMIT ?`,
  'mysql',
);
