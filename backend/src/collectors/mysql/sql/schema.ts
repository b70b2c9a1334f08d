import { defineQuery } from '../../sql/define';
import { SYSTEM_SCHEMAS } from './user-schemas';

export interface MysqlForeignKeySqlRow {
  schema: string;
  table: string;
  constraint: string;
  columns: string;
  referenced_table: string;
}

/** Foreign keys of user tables with their columns in order. Parameter: the row limit. */
export const MYSQL_FOREIGN_KEYS = defineQuery<MysqlForeignKeySqlRow, [limit: number]>(
  'mysql_foreign_keys',
  `SELECT k.TABLE_SCHEMA AS \`schema\`, k.TABLE_NAME AS \`table\`, k.CONSTRAINT_NAME AS \`constraint\`,
          GROUP_CONCAT(k.COLUMN_NAME ORDER BY k.ORDINAL_POSITION SEPARATOR ',') AS columns,
          CONCAT(MIN(k.REFERENCED_TABLE_SCHEMA), '.', MIN(k.REFERENCED_TABLE_NAME)) AS referenced_table
     FROM information_schema.KEY_COLUMN_USAGE k
    WHERE k.REFERENCED_TABLE_NAME IS NOT NULL AND k.TABLE_SCHEMA NOT IN ${SYSTEM_SCHEMAS}
    GROUP BY k.TABLE_SCHEMA, k.TABLE_NAME, k.CONSTRAINT_NAME
    ORDER BY k.TABLE_SCHEMA, k.TABLE_NAME, k.CONSTRAINT_NAME
    LIMIT ?`,
  'mysql',
);

export interface MysqlAutoIncrementSqlRow {
  schema: string;
  table: string;
  column: string;
  data_type: string;
  is_unsigned: number;
  next_value: number | string | null;
}

/** Auto-increment columns of user tables with the next value each will hand out. Parameter: the row limit. */
export const MYSQL_AUTO_INCREMENTS = defineQuery<MysqlAutoIncrementSqlRow, [limit: number]>(
  'mysql_auto_increments',
  `SELECT c.TABLE_SCHEMA AS \`schema\`, c.TABLE_NAME AS \`table\`, c.COLUMN_NAME AS \`column\`,
          LOWER(c.DATA_TYPE) AS data_type, c.COLUMN_TYPE LIKE '%unsigned%' AS is_unsigned,
          t.AUTO_INCREMENT AS next_value
     FROM information_schema.COLUMNS c
     JOIN information_schema.TABLES t ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME
    WHERE c.EXTRA LIKE '%auto_increment%' AND c.TABLE_SCHEMA NOT IN ${SYSTEM_SCHEMAS}
    ORDER BY c.TABLE_SCHEMA, c.TABLE_NAME
    LIMIT ?`,
  'mysql',
);
