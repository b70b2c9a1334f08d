import { defineQuery } from '../../sql/define';
import { SYSTEM_SCHEMAS } from './user-schemas';

export interface MysqlIndexStatsRow {
  schema: string;
  table: string;
  index: string;
  /** Key columns in order, comma-separated; an expression part reads "(expression)". */
  columns: string;
  is_unique: number;
  index_type: string;
  rows_read: number | null;
}

/**
 * Indexes of user tables with the rows read through each since performance_schema started (null when it has no
 * row for the index, e.g. performance_schema off). The usage counts are grouped first: MariaDB then keys them for the
 * join, where joined directly it scanned the whole usage table for every index (0.7–0.9 s for 1,500 indexes, 0.1 s now).
 * Parameter: the row limit.
 */
export const MYSQL_INDEXES = defineQuery<MysqlIndexStatsRow, [limit: number]>(
  'mysql_indexes',
  `SELECT s.TABLE_SCHEMA AS \`schema\`, s.TABLE_NAME AS \`table\`, s.INDEX_NAME AS \`index\`,
          GROUP_CONCAT(COALESCE(s.COLUMN_NAME, '(expression)') ORDER BY s.SEQ_IN_INDEX SEPARATOR ',') AS columns,
          MIN(s.NON_UNIQUE) = 0 AS is_unique,
          MAX(s.INDEX_TYPE) AS index_type,
          MAX(io.COUNT_READ) AS rows_read
     FROM information_schema.STATISTICS s
     LEFT JOIN (SELECT OBJECT_SCHEMA, OBJECT_NAME, INDEX_NAME, MAX(COUNT_READ) AS COUNT_READ
                  FROM performance_schema.table_io_waits_summary_by_index_usage
                 WHERE INDEX_NAME IS NOT NULL AND OBJECT_SCHEMA NOT IN ${SYSTEM_SCHEMAS}
                 GROUP BY OBJECT_SCHEMA, OBJECT_NAME, INDEX_NAME) io
       ON io.OBJECT_SCHEMA = s.TABLE_SCHEMA AND io.OBJECT_NAME = s.TABLE_NAME AND io.INDEX_NAME = s.INDEX_NAME
    WHERE s.TABLE_SCHEMA NOT IN ${SYSTEM_SCHEMAS}
    GROUP BY s.TABLE_SCHEMA, s.TABLE_NAME, s.INDEX_NAME
    ORDER BY s.TABLE_SCHEMA, s.TABLE_NAME, s.INDEX_NAME
    LIMIT ?`,
  'mysql',
);
