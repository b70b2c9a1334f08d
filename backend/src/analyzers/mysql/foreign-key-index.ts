import { defineAnalyzer } from '../analyzer';
import { count } from '../threshold';
import { mysqlTableName, quoteMysqlIdent } from './mysql-text';

/**
 * A foreign key whose columns no index leads with. InnoDB creates one with the key, so this happens when the
 * index was built for another engine's table or dropped with foreign_key_checks off; then every DELETE or key
 * UPDATE on the referenced table scans the referencing one under locks. Small tables are not judged (a table missing
 * from the tables snapshot counts as small).
 */
export const mysqlForeignKeyIndex = defineAnalyzer({
  id: 'mysql-foreign-key-without-index',
  title: 'Foreign key without index',
  category: 'tables',
  engines: ['mysql'],
  description: 'Foreign keys whose referencing columns are not the leading columns of an index.',
  thresholdSchema: { minTableRows: count(0) },
  requires: ['mysql_schema.facts', 'mysql.tables'],
  analyze(input, thresholds) {
    const rows = new Map(input.rows('mysql.tables').map((table) => [`${table.schema}.${table.table}`, table.rows_estimate]));
    return (input.facts('mysql_schema.facts')?.foreign_keys ?? [])
      .filter((key) => !key.has_index && (rows.get(`${key.schema}.${key.table}`) ?? 0) >= thresholds.minTableRows)
      .map((key) => ({
        severity: 'warning' as const,
        objects: { schema: key.schema, table: key.table, constraint: key.constraint },
        title: `Foreign key ${key.constraint} on ${key.schema}.${key.table} (${key.columns.join(', ')}) has no index`,
        evidence: { columns: key.columns, references: key.referenced_table, tableRows: rows.get(`${key.schema}.${key.table}`) ?? null },
        recommendation: `ALTER TABLE ${mysqlTableName(key.schema, key.table)} ADD INDEX ${quoteMysqlIdent(`${key.constraint}_idx`)} (${key.columns.map(quoteMysqlIdent).join(', ')}), ALGORITHM=INPLACE, LOCK=NONE;`,
      }));
  },
});
