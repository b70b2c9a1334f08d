import { defineAnalyzer, inDatabase } from '../analyzer';
import { qualifiedName } from '../sql-text';

/**
 * An index left invalid by a failed CREATE INDEX CONCURRENTLY or REINDEX: it is maintained on every write but
 * never used for reads. One being built right now is invalid too, hence the hint in the recommendation.
 */
export const invalidIndex = defineAnalyzer({
  id: 'invalid-index',
  title: 'Invalid index',
  category: 'indexes',
  description: 'Indexes marked invalid, usually left behind by a failed concurrent build.',
  thresholdSchema: {},
  requires: ['indexes'],
  analyze(input) {
    return input
      .rows('indexes')
      .filter((row) => !row.is_valid)
      .map((row) => ({
        severity: 'warning' as const,
        objects: inDatabase(input, { schema: row.schema_name, table: row.table_name, index: row.index_name }),
        title: `Index ${row.schema_name}.${row.index_name} is invalid`,
        evidence: { definition: row.definition, constraint: row.constraint_name },
        recommendation: [
          '-- Unless a CREATE INDEX CONCURRENTLY or REINDEX is running on it right now, rebuild it:',
          `REINDEX INDEX CONCURRENTLY ${qualifiedName(row.schema_name, row.index_name)};`,
          '-- or, if it is not needed:',
          `DROP INDEX CONCURRENTLY ${qualifiedName(row.schema_name, row.index_name)};`,
        ].join('\n'),
      }));
  },
});
