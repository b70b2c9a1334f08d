import { type Collector, CollectorUnavailableError, type QueryRunner } from './collector';
import { MonitorError } from './errors';
import { counter, rowReadings } from './metrics';
import { STATEMENT_TEXTS, STATEMENTS, STATEMENTS_EXTENSION, type StatementStatsRow, statementKey } from './sql/statements';
import { attachTexts } from './statement-texts';

/** SQLSTATE object_not_in_prerequisite_state: pg_stat_statements raises it when the library is not preloaded. */
const NOT_PRELOADED = '55000';

const METRICS = [
  counter('calls', 'count', 'Calls'),
  counter('total_exec_time_ms', 'milliseconds', 'Execution time'),
  counter('rows', 'rows', 'Rows'),
  counter('shared_blks_hit', 'blocks', 'Shared blocks hit'),
  counter('shared_blks_read', 'blocks', 'Shared blocks read'),
  counter('temp_blks_written', 'blocks', 'Temporary blocks written'),
];

/**
 * Reads pg_stat_statements, or explains why it cannot: the extension must be created in the connected
 * database, reachable through our search_path, and its library loaded at server start.
 */
export async function readStatements(conn: QueryRunner, limit: number): Promise<StatementStatsRow[]> {
  const [extension] = await conn.run(STATEMENTS_EXTENSION);
  if (!extension) {
    throw new CollectorUnavailableError('pg_stat_statements is not installed in the monitored database (CREATE EXTENSION pg_stat_statements)');
  }
  if (!extension.on_search_path) {
    throw new CollectorUnavailableError(`pg_stat_statements is installed in schema "${extension.schema_name}"; Inspector reads it from schema public`);
  }
  try {
    return await conn.run(STATEMENTS, limit);
  } catch (error) {
    if (error instanceof MonitorError && error.sqlState === NOT_PRELOADED) {
      throw new CollectorUnavailableError('pg_stat_statements is not in shared_preload_libraries (add it and restart PostgreSQL)');
    }
    throw error;
  }
}

/**
 * The most expensive statements: calls, time, rows and block I/O, per database, user and query id. Never resets
 * pg_stat_statements: other tools and people read it too, and rates come from deltas anyway.
 */
export const statementsCollector: Collector = {
  id: 'statements',
  title: 'Statements',
  engine: 'postgres',
  tier: 'fast',
  metrics: METRICS,
  snapshotKind: 'statements',
  defaultIntervalSeconds: 60,
  defaultRetentionDays: 14,
  queries: [STATEMENTS_EXTENSION, STATEMENTS, STATEMENT_TEXTS],
  async collect(conn, ctx) {
    const rows = await attachTexts(conn, await readStatements(conn, ctx.rowLimit), ctx);
    // A NULL queryid is a statement whose text the role may not see; it cannot be followed over time.
    const followed = rows.filter((row) => row.queryid !== null);
    const readings = rowReadings('statements', METRICS, followed, statementKey);
    return { metrics: [], readings, snapshot: { kind: 'statements', rows } };
  },
};
