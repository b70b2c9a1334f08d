import { defineQuery } from '../../sql/define';

export interface MysqlDigestRow {
  digest: string;
  schema_name: string | null;
  digest_text: string | null;
  calls: number;
  total_ms: number;
  mean_ms: number;
  max_ms: number;
  rows_examined: number;
  rows_sent: number;
  first_seen: string | null;
  last_seen: string | null;
}

/**
 * The most expensive statement digests, cumulative since performance_schema started: the store turns the counters
 * into rates, so the table is never truncated (that would reset every other tool's view too). Timers are picoseconds.
 * Parameters: include the digest text, its maximum length, the row limit.
 */
export const MYSQL_DIGESTS = defineQuery<MysqlDigestRow, [includeText: boolean, textLength: number, limit: number]>(
  'mysql_digests',
  `SELECT DIGEST AS digest, SCHEMA_NAME AS schema_name,
          CASE WHEN ? THEN LEFT(DIGEST_TEXT, ?) END AS digest_text,
          COUNT_STAR AS calls,
          SUM_TIMER_WAIT / 1000000000 AS total_ms,
          AVG_TIMER_WAIT / 1000000000 AS mean_ms,
          MAX_TIMER_WAIT / 1000000000 AS max_ms,
          SUM_ROWS_EXAMINED AS rows_examined,
          SUM_ROWS_SENT AS rows_sent,
          DATE_FORMAT(FIRST_SEEN, '%Y-%m-%dT%H:%i:%sZ') AS first_seen,
          DATE_FORMAT(LAST_SEEN, '%Y-%m-%dT%H:%i:%sZ') AS last_seen
     FROM performance_schema.events_statements_summary_by_digest
    WHERE DIGEST IS NOT NULL
    ORDER BY SUM_TIMER_WAIT DESC
    LIMIT ?`,
  'mysql',
);
