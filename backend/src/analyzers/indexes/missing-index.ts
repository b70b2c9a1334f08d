import { defineAnalyzer, inDatabase } from '../analyzer';
import { count, days, ratio } from '../threshold';
import type { AnalyzerInput } from '../input';
import { formatDuration, num, percent, qualifiedName } from '../sql-text';

const TOP_STATEMENTS = 3;

/**
 * A large table read mostly by sequential scans that each read many rows: some query filters it without an
 * index. Inspector cannot tell which columns, so the recommendation points at the statements that mention the
 * table (when pg_stat_statements is available) and shows the statement to adapt.
 */
export const missingIndex = defineAnalyzer({
  id: 'missing-index',
  title: 'Missing index',
  category: 'indexes',
  description: 'Large tables read over and over by sequential scans.',
  thresholdSchema: {
    minTableRows: count(100_000),
    minSeqScans: count(100),
    minSeqScanShare: ratio(0.5),
    minRowsPerScan: count(10_000),
    minStatsAgeDays: days(1),
  },
  requires: ['tables'],
  analyze(input, thresholds) {
    const statsAge = input.statsAgeSeconds;
    const confident = statsAge === null || statsAge >= thresholds.minStatsAgeDays * 86_400;
    return input.rows('tables').flatMap((table) => {
      const seqScans = num(table.seq_scan);
      const indexScans = num(table.idx_scan);
      const rowsPerScan = seqScans > 0 ? num(table.seq_tup_read) / seqScans : 0;
      const share = seqScans / Math.max(1, seqScans + indexScans);
      if (num(table.n_live_tup) < thresholds.minTableRows || seqScans < thresholds.minSeqScans) return [];
      if (share < thresholds.minSeqScanShare || rowsPerScan < thresholds.minRowsPerScan) return [];
      const statements = statementsMentioning(input, table.table_name);
      return [
        {
          severity: confident ? ('warning' as const) : ('info' as const),
          objects: inDatabase(input, { schema: table.schema_name, table: table.table_name }),
          title: `${table.schema_name}.${table.table_name} is read by sequential scans (${percent(share)} of scans)`,
          evidence: {
            sequentialScans: seqScans,
            indexScans,
            rowsPerSequentialScan: Math.round(rowsPerScan),
            liveRows: num(table.n_live_tup),
            statsAgeSeconds: statsAge,
            statements,
          },
          recommendation: [
            `-- ${seqScans} sequential scans reading ~${Math.round(rowsPerScan)} rows each${statsAge === null ? '' : ` in ${formatDuration(statsAge)}`}.`,
            statements.length > 0
              ? `-- Statements that mention it (pg_stat_statements queryid): ${statements.join(', ')}. Run EXPLAIN (ANALYZE, BUFFERS) on them.`
              : '-- Find the queries that filter it (pg_stat_statements, or log_min_duration_statement) and EXPLAIN (ANALYZE, BUFFERS) them.',
            '-- Then index the columns they filter or join on, for example:',
            `CREATE INDEX CONCURRENTLY ON ${qualifiedName(table.schema_name, table.table_name)} (<column>);`,
          ].join('\n'),
        },
      ];
    });
  },
});

/** Query ids of the most time-consuming statements whose text names the table. */
function statementsMentioning(input: AnalyzerInput, table: string): string[] {
  const pattern = new RegExp(`(^|[^\\w$])"?${table.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"?($|[^\\w$])`, 'i');
  return input
    .rows('statements')
    .filter((row) => row.queryid !== null && row.query !== null && pattern.test(row.query))
    .sort((a, b) => b.total_exec_time_ms - a.total_exec_time_ms)
    .slice(0, TOP_STATEMENTS)
    .map((row) => row.queryid as string);
}
