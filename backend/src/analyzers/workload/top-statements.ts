import type { StatementRow } from '../../collectors/sql/statements';
import { defineAnalyzer } from '../analyzer';
import { count, milliseconds, ratio } from '../threshold';
import { formatDuration, num, percent, statementName } from '../sql-text';

/**
 * Suggestions, not alerts: the few statements that take most of the server's time, and the slowest per call.
 * Only the top N qualify, so the list stays short and stable; statements called rarely are not judged.
 */
export const topStatements = defineAnalyzer({
  id: 'top-statements',
  title: 'Most time-consuming statements',
  category: 'statements',
  description: 'Statements taking a large share of execution time, or slow on every call (pg_stat_statements).',
  thresholdSchema: { topN: count(5), minCalls: count(10), minShareOfTotal: ratio(0.1), slowMeanMs: milliseconds(1_000) },
  requires: ['statements'],
  analyze(input, thresholds) {
    const statements = mergeDuplicates(input.rows('statements'));
    const total = statements.reduce((sum, row) => sum + row.total_exec_time_ms, 0);
    if (total <= 0) return [];
    const databases = new Map(input.rows('databases').map((row) => [row.database_oid, row.database_name]));
    return statements
      .filter((row) => num(row.calls) >= thresholds.minCalls)
      .filter((row) => row.total_exec_time_ms / total >= thresholds.minShareOfTotal || row.mean_exec_time_ms >= thresholds.slowMeanMs)
      .sort((a, b) => b.total_exec_time_ms - a.total_exec_time_ms)
      .slice(0, thresholds.topN)
      .map((row) => {
        const share = row.total_exec_time_ms / total;
        const blocks = num(row.shared_blks_hit) + num(row.shared_blks_read);
        return {
          severity: 'info' as const,
          objects: { database: databases.get(row.dbid) ?? String(row.dbid), userid: row.userid, queryid: row.queryid as string },
          title:
            share >= thresholds.minShareOfTotal
              ? `${statementName(row.query, row.queryid as string)} takes ${percent(share)} of execution time`
              : `${statementName(row.query, row.queryid as string)} takes ${formatDuration(row.mean_exec_time_ms / 1000)} per call`,
          evidence: {
            calls: num(row.calls),
            totalTimeMs: row.total_exec_time_ms,
            meanTimeMs: row.mean_exec_time_ms,
            shareOfTotal: share,
            rowsPerCall: num(row.rows) / Math.max(1, num(row.calls)),
            cacheHitRatio: blocks > 0 ? num(row.shared_blks_hit) / blocks : null,
            tempBlocksWritten: num(row.temp_blks_written),
          },
          recommendation: [
            `-- Open statement ${row.queryid} on the Statements page and run EXPLAIN (ANALYZE, BUFFERS) on a typical execution.`,
            num(row.temp_blks_written) > 0
              ? '-- It spills to temporary files: a larger work_mem for it, or an index that avoids the sort, may help.'
              : '-- Look for sequential scans on large tables, row estimates far off (ANALYZE), or repeated calls that could be batched.',
          ].join('\n'),
        };
      });
  },
});

/** pg_stat_statements lists a statement once per top-level/nested use; only ones with a query id can be followed. */
function mergeDuplicates(rows: StatementRow[]): StatementRow[] {
  const merged = new Map<string, StatementRow>();
  for (const row of rows.filter((candidate) => candidate.queryid !== null)) {
    const key = `${row.dbid}:${row.userid}:${row.queryid}`;
    const existing = merged.get(key);
    if (!existing) {
      merged.set(key, row);
      continue;
    }
    const calls = num(existing.calls) + num(row.calls);
    const totalTime = existing.total_exec_time_ms + row.total_exec_time_ms;
    merged.set(key, { ...existing, calls: String(calls), total_exec_time_ms: totalTime, mean_exec_time_ms: totalTime / Math.max(1, calls) });
  }
  return [...merged.values()];
}
