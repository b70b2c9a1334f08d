import { defineAnalyzer, inDatabase } from '../analyzer';
import { count } from '../threshold';
import { num, qualifiedName, quoteIdent } from '../sql-text';

/**
 * A foreign key whose columns no index leads with: every DELETE or key UPDATE on the referenced table scans the
 * referencing table (holding locks meanwhile), and joins along the key cannot use an index. Small referencing
 * tables are not judged: scanning them costs nothing (a table missing from the tables snapshot, which keeps the
 * largest ones, counts as small).
 */
export const foreignKeyIndex = defineAnalyzer({
  id: 'foreign-key-without-index',
  title: 'Foreign key without index',
  category: 'tables',
  description: 'Foreign keys whose referencing columns are not covered by an index.',
  thresholdSchema: { minTableRows: count(10_000) },
  requires: ['schema.facts', 'tables'],
  analyze(input, thresholds) {
    const rows = new Map(input.rows('tables').map((table) => [`${table.schema_name}.${table.table_name}`, num(table.n_live_tup)]));
    return (input.facts('schema.facts')?.foreign_keys ?? [])
      .filter((key) => !key.has_covering_index)
      .filter((key) => (rows.get(`${key.schema_name}.${key.table_name}`) ?? 0) >= thresholds.minTableRows)
      .map((key) => ({
        severity: 'warning' as const,
        objects: inDatabase(input, { schema: key.schema_name, table: key.table_name, constraint: key.constraint_name }),
        title: `Foreign key ${key.constraint_name} on ${key.schema_name}.${key.table_name} (${key.columns.join(', ')}) has no index`,
        evidence: {
          columns: key.columns,
          references: `${key.referenced_schema}.${key.referenced_table}`,
          tableRows: rows.get(`${key.schema_name}.${key.table_name}`) ?? null,
        },
        recommendation: `CREATE INDEX CONCURRENTLY ON ${qualifiedName(key.schema_name, key.table_name)} (${key.columns.map(quoteIdent).join(', ')});`,
      }));
  },
});
