import { defineAnalyzer, inDatabase } from '../analyzer';
import { count, days, megabytes } from '../threshold';
import { formatBytes, formatDuration, MEGABYTE, num } from '../sql-text';
import { backsConstraint, dropStatement, duplicateGroups, recreateStatement } from './index-shape';

/**
 * Indexes nobody scans still cost every write, vacuum and backup. Not judged: indexes that enforce something
 * (primary key, unique, exclusion, foreign-key target), invalid ones (their own finding), exact duplicates (the
 * duplicate finding says which to drop), small indexes and small tables. Young statistics lower the severity.
 */
export const unusedIndex = defineAnalyzer({
  id: 'unused-index',
  title: 'Unused index',
  category: 'indexes',
  description: 'Indexes with no scans since statistics were reset, large enough to matter.',
  thresholdSchema: { maxScans: count(0), minIndexSizeMb: megabytes(10), minTableRows: count(10_000), minStatsAgeDays: days(7) },
  requires: ['indexes', 'tables'],
  analyze(input, thresholds) {
    const duplicates = new Set(
      duplicateGroups(input.rows('indexes'))
        .flat()
        .map((row) => row.indexrelid),
    );
    const tableRows = new Map(input.rows('tables').map((table) => [`${table.schema_name}.${table.table_name}`, num(table.n_live_tup)]));
    const statsAge = input.statsAgeSeconds;
    const confident = statsAge === null || statsAge >= thresholds.minStatsAgeDays * 86_400;
    return input
      .rows('indexes')
      .filter((row) => row.is_valid && !row.is_unique && !backsConstraint(row) && !duplicates.has(row.indexrelid))
      .filter((row) => num(row.idx_scan) <= thresholds.maxScans && num(row.size_bytes) >= thresholds.minIndexSizeMb * MEGABYTE)
      .filter((row) => (tableRows.get(`${row.schema_name}.${row.table_name}`) ?? 0) >= thresholds.minTableRows)
      .map((row) => {
        const since = statsAge === null ? 'since statistics were last reset' : `in the ${formatDuration(statsAge)} since statistics were reset`;
        return {
          severity: confident ? 'warning' : 'info',
          objects: inDatabase(input, { schema: row.schema_name, table: row.table_name, index: row.index_name }),
          title: `Index ${row.schema_name}.${row.index_name} is not used (${formatBytes(num(row.size_bytes))})`,
          evidence: {
            indexScans: num(row.idx_scan),
            indexSizeBytes: num(row.size_bytes),
            tableRows: tableRows.get(`${row.schema_name}.${row.table_name}`),
            statsAgeSeconds: statsAge,
          },
          recommendation: [
            `-- ${num(row.idx_scan)} scans ${since}. Standbys keep their own statistics: check they do not use it either.`,
            dropStatement(row),
            '-- To undo:',
            `-- ${recreateStatement(row)}`,
          ].join('\n'),
        };
      });
  },
});
