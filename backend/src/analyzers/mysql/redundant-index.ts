import type { MysqlIndexRow } from '../../collectors/mysql/rows';
import { defineAnalyzer } from '../analyzer';
import { dropIndexStatement, leadingPrefixOf, sameColumns, sameTable } from './index-shape';

/**
 * A secondary index that repeats another index of its table (duplicate: the same columns) or whose columns are the
 * leading columns of a longer one (redundant: the longer one serves the same lookups). Unique indexes and the primary
 * key enforce something and are never the one to drop; of two plain duplicates, the one named first alphabetically is
 * kept, so only one of them is reported. MySQL refuses to drop an index a foreign key needs unless another one serves it,
 * which the covering index does.
 */
export const mysqlRedundantIndex = defineAnalyzer({
  id: 'mysql-redundant-index',
  title: 'Duplicate or redundant index',
  category: 'indexes',
  engines: ['mysql'],
  description: 'Indexes with the same columns as another index of the table, or whose columns lead a longer index.',
  thresholdSchema: {},
  requires: ['mysql.indexes'],
  analyze(input) {
    const rows = input.rows('mysql.indexes');
    return rows
      .filter((row) => !row.primary && !row.unique)
      .flatMap((row) => {
        const candidates = rows.filter((other) => other !== row && sameTable(row, other));
        const duplicate = candidates.find((other) => sameColumns(row, other) && keepsOver(other, row));
        const cover = duplicate ?? candidates.find((other) => leadingPrefixOf(row, other));
        if (!cover) return [];
        const kind = duplicate ? 'duplicate' : 'redundant';
        return [
          {
            severity: duplicate ? ('warning' as const) : ('info' as const),
            objects: { schema: row.schema, table: row.table, index: row.index },
            title: duplicate
              ? `Index ${row.index} on ${row.schema}.${row.table} duplicates ${cover.index}`
              : `Index ${row.index} on ${row.schema}.${row.table} is covered by ${cover.index}`,
            evidence: { kind, columns: row.columns, coveredBy: cover.index, coveringColumns: cover.columns, rowsRead: row.rows_read },
            recommendation: [
              duplicate
                ? `-- ${cover.index} has the same columns (${row.columns.join(', ')}); every write maintains both, lookups use one.`
                : `-- ${cover.index} (${cover.columns.join(', ')}) starts with the same columns; the narrower index can still be faster for its own lookups.`,
              dropIndexStatement(row),
            ].join('\n'),
          },
        ];
      });
  },
});

/** Of two indexes with the same columns, the one kept: primary, then unique, then the first by name. */
function keepsOver(keep: MysqlIndexRow, drop: MysqlIndexRow): boolean {
  if (keep.primary || keep.unique) return true;
  return keep.index.localeCompare(drop.index) < 0;
}
