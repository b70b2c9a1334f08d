import { defineAnalyzer, inDatabase } from '../analyzer';
import { megabytes } from '../threshold';
import type { IndexRow } from '../input';
import { formatBytes, MEGABYTE, num } from '../sql-text';
import { backsConstraint, dropStatement, indexColumns } from './index-shape';

/**
 * A btree index whose key columns are the leading columns of another btree index on the same table: the longer
 * one serves the same lookups. Not judged: unique or constraint indexes (they enforce something on exactly those
 * columns), partial or expression indexes, and indexes with INCLUDE columns (they may enable index-only scans).
 * Info only: the narrower index can still be faster for its own lookups.
 */
export const redundantIndex = defineAnalyzer({
  id: 'redundant-index',
  title: 'Redundant index',
  category: 'indexes',
  description: 'Indexes whose columns are a leading prefix of another index on the same table.',
  thresholdSchema: { minIndexSizeMb: megabytes(10) },
  requires: ['indexes'],
  analyze(input, thresholds) {
    const rows = input.rows('indexes').filter((row) => row.is_valid && !row.is_partial && !row.has_expressions);
    return rows
      .filter((row) => !row.is_unique && !backsConstraint(row) && num(row.size_bytes) >= thresholds.minIndexSizeMb * MEGABYTE)
      .flatMap((row) => {
        const cover = coveringIndex(row, rows);
        if (!cover) return [];
        return [
          {
            severity: 'info' as const,
            objects: inDatabase(input, { schema: row.schema_name, table: row.table_name, index: row.index_name }),
            title: `Index ${row.schema_name}.${row.index_name} is covered by ${cover.index_name}`,
            evidence: {
              coveredBy: cover.index_name,
              indexScans: num(row.idx_scan),
              indexSizeBytes: num(row.size_bytes),
              definition: row.definition,
              coveringDefinition: cover.definition,
            },
            recommendation: `-- ${cover.index_name} starts with the same columns; dropping ${row.index_name} saves ${formatBytes(num(row.size_bytes))} and write work.\n${dropStatement(row)}`,
          },
        ];
      });
  },
});

function coveringIndex(row: IndexRow, candidates: IndexRow[]): IndexRow | undefined {
  const columns = indexColumns(row);
  if (!columns || columns.method !== 'btree' || columns.hasInclude) return undefined;
  return candidates.find((other) => {
    if (other.indexrelid === row.indexrelid || other.schema_name !== row.schema_name || other.table_name !== row.table_name) return false;
    const longer = indexColumns(other);
    return longer?.method === 'btree' && longer.keys.length > columns.keys.length && columns.keys.every((key, index) => longer.keys[index] === key);
  });
}
