import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import type { QueryRunner } from '../src/collectors/collector';
import type { Engine } from '@inspector/contracts';
import { MonitorConnection } from '../src/collectors/monitor-connection';
import { MysqlConnection } from '../src/collectors/mysql/mysql-connection';
import { collectorsFor } from '../src/collectors/registry';
import { runCollector } from '../src/collectors/runner';
import { DATABASE_SIZES } from '../src/collectors/sql/databases';
import type { MonitorQuery } from '../src/collectors/sql/define';
import { STATEMENT_TEXTS } from '../src/collectors/sql/statements';
import { Secret } from '../src/crypto/secret';
import { median, sum } from './report';

/**
 * Recorded on the recorder's first (cold) run, but not sent by a collector that has run before: sizes are read every
 * 15 minutes, texts for new query ids only. The floor leaves them out, as the app's median cycle does.
 */
const NOT_EVERY_RUN = new Set([DATABASE_SIZES.name, STATEMENT_TEXTS.name]);

/** One query exactly as a collector sent it. */
export interface RecordedQuery {
  collectorId: string;
  query: MonitorQuery<unknown, readonly unknown[]>;
  params: readonly unknown[];
  /** The collector got an error back (e.g. pg_stat_statements not preloaded); the floor replays it all the same. */
  failed: boolean;
}

/**
 * Runs every collector of the engine once through a real monitoring connection and writes down each query and its
 * parameters, so the floor replays exactly what the app sends, whatever the collectors' code does with versions or
 * settings.
 */
export async function recordQueries(monitorUrl: string, engine: Engine = 'postgres'): Promise<{ recorded: RecordedQuery[]; statuses: Map<string, string> }> {
  const options = { instanceId: 'bench-recorder', url: Secret.of(monitorUrl), statementTimeoutMs: 30_000 };
  const conn = engine === 'postgres' ? new MonitorConnection(options) : new MysqlConnection(options);
  const recorded: RecordedQuery[] = [];
  const statuses = new Map<string, string>();
  try {
    for (const collector of collectorsFor(engine)) {
      const recorder: QueryRunner & Pick<MonitorConnection, 'session'> = {
        run: (async (query: MonitorQuery<unknown, readonly unknown[]>, ...params: readonly unknown[]) => {
          const entry: RecordedQuery = { collectorId: collector.id, query, params, failed: false };
          recorded.push(entry);
          try {
            return await conn.run(query, ...params);
          } catch (error) {
            entry.failed = true;
            throw error;
          }
        }) as MonitorConnection['run'],
        session: () => conn.session(),
      };
      const run = await runCollector(collector, recorder);
      statuses.set(collector.id, run.status === 'ok' ? 'ok' : `${run.status}: ${run.status === 'error' ? run.message : run.reason}`);
    }
  } finally {
    await conn.close();
  }
  return { recorded, statuses };
}

export interface FloorResult {
  passMs: number[];
  /** Median ms per collector (sum of its queries within a pass). */
  byCollector: Map<string, number>;
}

/**
 * The raw floor: the recorded SQL back to back on one plain `pg` connection, with nothing else around it.
 * Passes are taken one at a time so they can alternate with the app's cycles: on a shared machine both
 * then see the same background load.
 */
export class Floor {
  readonly #client: Client;
  readonly #passes: Array<Map<string, number>> = [];

  private constructor(
    client: Client,
    private readonly recorded: readonly RecordedQuery[],
  ) {
    this.#client = client;
  }

  /** Connects and runs one warm-up pass (a new backend starts with cold catalog caches, as the app's does). */
  static async open(monitorUrl: string, recorded: readonly RecordedQuery[]): Promise<Floor> {
    const client = new Client({ connectionString: monitorUrl, application_name: 'inspector-bench-floor' });
    await client.connect();
    const floor = new Floor(client, recorded);
    await floor.#run();
    return floor;
  }

  async pass(): Promise<number> {
    const spent = await this.#run();
    this.#passes.push(spent);
    return sum([...spent.values()]);
  }

  result(): FloorResult {
    const ids = [...new Set(this.recorded.map((entry) => entry.collectorId))];
    return {
      passMs: this.#passes.map((pass) => sum([...pass.values()])),
      byCollector: new Map(ids.map((id) => [id, median(this.#passes.map((pass) => pass.get(id) ?? 0))])),
    };
  }

  close(): Promise<void> {
    return this.#client.end();
  }

  async #run(): Promise<Map<string, number>> {
    const spent = new Map<string, number>();
    for (const entry of this.recorded) {
      if (NOT_EVERY_RUN.has(entry.query.name)) continue;
      const start = performance.now();
      try {
        await this.#client.query(entry.query.text, [...entry.params]);
      } catch (error) {
        if (!entry.failed) throw error;
      }
      spent.set(entry.collectorId, (spent.get(entry.collectorId) ?? 0) + performance.now() - start);
    }
    return spent;
  }
}

export interface ServerTime {
  executionMs: number;
  planningMs: number;
}

export interface ExplainedQuery extends ServerTime {
  collectorId: string;
  name: string;
}

/**
 * Server-side time per collector run without pg_stat_statements: EXPLAIN (ANALYZE, TIMING OFF) of each
 * recorded query with its parameters, median of `repeats`. Queries that fail on this server are left out.
 */
export async function explainServerTime(monitorUrl: string, recorded: readonly RecordedQuery[], repeats: number): Promise<ExplainedQuery[]> {
  const client = new Client({ connectionString: monitorUrl, application_name: 'inspector-bench-explain' });
  await client.connect();
  try {
    const explained: ExplainedQuery[] = [];
    for (const entry of recorded.filter((candidate) => !candidate.failed)) {
      const executions: number[] = [];
      const plannings: number[] = [];
      for (let repeat = 0; repeat <= repeats; repeat++) {
        const { rows } = await client.query<{ 'QUERY PLAN': Array<{ 'Execution Time': number; 'Planning Time': number }> }>(
          `EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) ${entry.query.text}`,
          [...entry.params],
        );
        if (repeat === 0) continue;
        executions.push(rows[0]['QUERY PLAN'][0]['Execution Time']);
        plannings.push(rows[0]['QUERY PLAN'][0]['Planning Time']);
      }
      explained.push({ collectorId: entry.collectorId, name: entry.query.name, executionMs: median(executions), planningMs: median(plannings) });
    }
    return explained;
  } finally {
    await client.end();
  }
}
