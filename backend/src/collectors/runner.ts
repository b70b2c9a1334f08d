import { type Collector, type CollectorOutput, type CollectorSettings, CollectorUnavailableError, DEFAULT_COLLECTOR_SETTINGS } from './collector';
import { MonitorError, MonitorPermissionError } from './errors';
import type { MonitoredConnection, ServerFlavour, SessionInfo } from './monitored-connection';

/** The oldest PostgreSQL whose statistics views every collector's SQL was written against. */
export const MIN_SERVER_VERSION_NUM = 130000;

/** The oldest release of each flavour the collectors' SQL was written against (version numbers as SessionInfo has them). */
export const MINIMUM_VERSIONS: Readonly<Record<ServerFlavour, { num: number; name: string }>> = Object.freeze({
  postgresql: { num: MIN_SERVER_VERSION_NUM, name: 'PostgreSQL 13' },
  mysql: { num: 80000, name: 'MySQL 8.0' },
  mariadb: { num: 100600, name: 'MariaDB 10.6' },
});

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
  conn: Pick<MonitoredConnection, 'run' | 'session'>,
  settings: CollectorSettings = DEFAULT_COLLECTOR_SETTINGS,
): Promise<CollectorRun> {
  const startedAt = new Date();
  const timing = (): RunTiming => ({ collectorId: collector.id, startedAt, durationMs: Date.now() - startedAt.getTime() });
  try {
    const session = await conn.session();
    const unsuitable = unsuitableServer(collector, session);
    if (unsuitable) return { ...timing(), status: 'unavailable', reason: unsuitable };
    const output = await collector.collect(conn, { ...settings, serverVersionNum: session.serverVersionNum, flavour: session.flavour });
    const undeclared = undeclaredMetric(collector, output);
    if (undeclared) return { ...timing(), status: 'error', message: `collector reported metric "${undeclared}", which it does not declare` };
    return { ...timing(), status: 'ok', output };
  } catch (error) {
    if (error instanceof CollectorUnavailableError) return { ...timing(), status: 'unavailable', reason: error.message };
    if (error instanceof MonitorError && error.sqlState === INSUFFICIENT_PRIVILEGE) {
      return { ...timing(), status: 'unavailable', reason: `permission denied (grant pg_monitor to the monitoring role): ${error.message}` };
    }
    if (error instanceof MonitorPermissionError) {
      return { ...timing(), status: 'unavailable', reason: `permission denied (see the minimal grants for a monitoring account): ${error.message}` };
    }
    return { ...timing(), status: 'error', message: error instanceof Error ? error.message : String(error) };
  }
}

/** Why this server cannot serve the collector: another engine, or a release older than its SQL. */
function unsuitableServer(collector: Collector, session: SessionInfo): string | null {
  const engine = session.flavour === 'postgresql' ? 'postgres' : 'mysql';
  if (engine !== collector.engine) return `written for ${collector.engine}, the server is ${session.flavour}`;
  const minimum = MINIMUM_VERSIONS[session.flavour];
  if (session.serverVersionNum >= minimum.num) return null;
  if (session.flavour === 'postgresql') return `PostgreSQL 13 or later is required (server_version_num ${session.serverVersionNum})`;
  return `${minimum.name} or later is required (the server is ${session.serverVersion.slice(0, 64)})`;
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
  conn: Pick<MonitoredConnection, 'run' | 'session'>,
  settings: CollectorSettings = DEFAULT_COLLECTOR_SETTINGS,
): Promise<CollectorRun[]> {
  const runs: CollectorRun[] = [];
  for (const collector of collectors) runs.push(await runCollector(collector, conn, settings));
  return runs;
}
