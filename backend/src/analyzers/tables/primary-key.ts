import { defineAnalyzer, inDatabase } from '../analyzer';
import { count } from '../threshold';
import { num, qualifiedName } from '../sql-text';

/**
 * Tables without a primary key: rows cannot be addressed reliably, logical replication cannot replicate their
 * UPDATEs and DELETEs, and duplicates creep in. A suggestion (info); warning once the table is updated or deleted
 * from, which is when the missing key starts to hurt.
 */
export const primaryKey = defineAnalyzer({
  id: 'no-primary-key',
  title: 'No primary key',
  category: 'tables',
  description: 'Tables without a primary key.',
  thresholdSchema: { minTableRows: count(0) },
  requires: ['schema.facts'],
  analyze(input, thresholds) {
    const stats = new Map(input.rows('tables').map((table) => [`${table.schema_name}.${table.table_name}`, table]));
    return (input.facts('schema.facts')?.tables ?? [])
      .filter((table) => !table.has_primary_key)
      .flatMap((table) => {
        const row = stats.get(`${table.schema_name}.${table.table_name}`);
        // Missing from the tables snapshot (it keeps the largest tables) means small.
        if ((row ? num(row.n_live_tup) : 0) < thresholds.minTableRows) return [];
        const changes = row ? num(row.n_tup_upd) + num(row.n_tup_del) : 0;
        const name = qualifiedName(table.schema_name, table.table_name);
        return [
          {
            severity: changes > 0 ? ('warning' as const) : ('info' as const),
            objects: inDatabase(input, { schema: table.schema_name, table: table.table_name }),
            title: `${table.schema_name}.${table.table_name} has no primary key`,
            evidence: { liveRows: row ? num(row.n_live_tup) : null, updatesAndDeletes: row ? changes : null },
            recommendation: [
              '-- Declare the column(s) that identify a row:',
              `ALTER TABLE ${name} ADD PRIMARY KEY (<column>);`,
              '-- or, if none does, add a surrogate key:',
              `ALTER TABLE ${name} ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY;`,
            ].join('\n'),
          },
        ];
      });
  },
});
