import { defineAnalyzer } from '../analyzer';
import { count, milliseconds, ratio } from '../threshold';
import { formatDuration, percent, statementName } from '../sql-text';
import { quoteMysqlLiteral } from './mysql-text';

/**
 * Suggestions, not alerts: the statement digests that take most of the server's time, and those slow on every
 * call while called often. Only the top N qualify, so the list stays short and stable; rare statements are not judged.
 */
export const mysqlTopStatements = defineAnalyzer({
  id: 'mysql-top-statements',
  title: 'Slow frequent statements',
  category: 'statements',
  engines: ['mysql'],
  description: 'Statement digests taking a large share of execution time, or slow on every call (performance_schema).',
  thresholdSchema: { topN: count(5), minCalls: count(10), minShareOfTotal: ratio(0.1), slowMeanMs: milliseconds(1_000) },
  requires: ['mysql.statements'],
  analyze(input, thresholds) {
    const statements = input.rows('mysql.statements');
    const total = statements.reduce((sum, row) => sum + row.total_ms, 0);
    if (total <= 0) return [];
    return statements
      .filter((row) => row.calls >= thresholds.minCalls && (row.total_ms / total >= thresholds.minShareOfTotal || row.mean_ms >= thresholds.slowMeanMs))
      .sort((a, b) => b.total_ms - a.total_ms)
      .slice(0, thresholds.topN)
      .map((row) => {
        const share = row.total_ms / total;
        const examinedPerSent = row.rows_examined / Math.max(1, row.rows_sent);
        return {
          severity: 'info' as const,
          objects: { schema: row.schema_name ?? '', digest: row.digest },
          title:
            share >= thresholds.minShareOfTotal
              ? `${statementName(row.digest_text, row.digest)} takes ${percent(share)} of execution time`
              : `${statementName(row.digest_text, row.digest)} takes ${formatDuration(row.mean_ms / 1000)} per call`,
          evidence: {
            calls: row.calls,
            totalTimeMs: row.total_ms,
            meanTimeMs: row.mean_ms,
            maxTimeMs: row.max_ms,
            shareOfTotal: share,
            rowsExaminedPerCall: row.rows_examined / Math.max(1, row.calls),
            rowsSentPerCall: row.rows_sent / Math.max(1, row.calls),
          },
          recommendation: [
            `-- Run EXPLAIN on a typical execution of digest ${row.digest}; one is kept in performance_schema when statement history is on:`,
            `SELECT SQL_TEXT FROM performance_schema.events_statements_history_long WHERE DIGEST = ${quoteMysqlLiteral(row.digest)} LIMIT 1;`,
            examinedPerSent >= 100
              ? `-- It examines ${Math.round(examinedPerSent)} rows for each row it returns: an index on its WHERE / JOIN columns is the usual cure.`
              : '-- Look for repeated calls that could be batched, or results that could be cached.',
          ].join('\n'),
        };
      });
  },
});
