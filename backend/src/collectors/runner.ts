import { type Collector, type CollectorOutput, type CollectorSettings, CollectorUnavailableError, DEFAULT_COLLECTOR_SETTINGS } from './collector';
import { MonitorError } from './errors';
import type { MonitorConnection } from './monitor-connection';

/** The oldest PostgreSQL whose statistics views every collector's SQL was written against. */
export const MIN_SERVER_VERSION_NUM = 130000;

/** SQLSTATE insufficient_privilege: the role may not read a view or call a function. */
const INSUFFICIENT_PRIVILEGE = '42501';

interface RunTiming {
  collectorId: string;
  startedAt: Date;
  durationMs: number;
}

export type CollectorRun = RunTiming &
  ({ status: 'ok'; output: CollectorOutput } | { status: 'error'; message: string } | { status: 'unavailable'; reason: string });

/**
 * Runs one collector and turns every failure into a status, never an exception: `unavailable` when the
 * server cannot provide the data (version, extension, privilege), `error` for anything else.
 */
export async function runCollector(
  collector: Collector,
  conn: Pick<MonitorConnection, 'run' | 'session'>,
  settings: CollectorSettings = DEFAULT_COLLECTOR_SETTINGS,
): Promise<CollectorRun> {
  const startedAt = new Date();
  const timing = (): RunTiming => ({ collectorId: collector.id, startedAt, durationMs: Date.now() - startedAt.getTime() });
  try {
    const { serverVersionNum } = await conn.session();
    if (serverVersionNum < MIN_SERVER_VERSION_NUM) {
      return { ...timing(), status: 'unavailable', reason: `PostgreSQL 13 or later is required (server_version_num ${serverVersionNum})` };
    }
    const output = await collector.collect(conn, { ...settings, serverVersionNum });
    const undeclared = undeclaredMetric(collector, output);
    if (undeclared) return { ...timing(), status: 'error', message: `collector reported metric "${undeclared}", which it does not declare` };
    return { ...timing(), status: 'ok', output };
  } catch (error) {
    if (error instanceof CollectorUnavailableError) return { ...timing(), status: 'unavailable', reason: error.message };
    if (error instanceof MonitorError && error.sqlState === INSUFFICIENT_PRIVILEGE) {
      return { ...timing(), status: 'unavailable', reason: `permission denied (grant pg_monitor to the monitoring role): ${error.message}` };
    }
    return { ...timing(), status: 'error', message: error instanceof Error ? error.message : String(error) };
  }
}

const declaredKinds = new WeakMap<Collector, ReadonlyMap<string, string>>();

/** A metric the output holds that the collector does not declare (or declares with another kind): charts would not know it. */
function undeclaredMetric(collector: Collector, output: CollectorOutput): string | null {
  let declared = declaredKinds.get(collector);
  if (!declared) {
    declared = new Map(collector.metrics.map((metric) => [`${collector.id}.${metric.name}`, metric.kind]));
    declaredKinds.set(collector, declared);
  }
  for (const { metric, kind } of [...output.metrics, ...(output.readings?.metrics ?? [])]) if (declared.get(metric) !== kind) return metric;
  return null;
}

/** Runs collectors one after another (they share one connection); one failing never stops the rest. */
export async function runCollectors(
  collectors: readonly Collector[],
  conn: Pick<MonitorConnection, 'run' | 'session'>,
  settings: CollectorSettings = DEFAULT_COLLECTOR_SETTINGS,
): Promise<CollectorRun[]> {
  const runs: CollectorRun[] = [];
  for (const collector of collectors) runs.push(await runCollector(collector, conn, settings));
  return runs;
}
