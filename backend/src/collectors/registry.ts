import { activityCollector } from './activity.collector';
import { archiverCollector } from './archiver.collector';
import { type Engine, METRIC_UNITS, type MetricCatalog } from '@inspector/contracts';
import { type Collector, FAST_TIER_MAX_SECONDS } from './collector';
import { databasesCollector } from './databases.collector';
import { indexesCollector } from './indexes.collector';
import { instanceCollector } from './instance.collector';
import { MYSQL_COLLECTORS } from './mysql/collectors';
import { replicationCollector } from './replication.collector';
import { schemaCollector } from './schema.collector';
import { isRegisteredQuery } from './sql/registry';
import { statementsCollector } from './statements.collector';
import { tablesCollector } from './tables.collector';
import { walCollector } from './wal.collector';

/** PostgreSQL's collectors, in the order a full pass runs them (cheap and urgent first). */
const POSTGRES_COLLECTORS: readonly Collector[] = [
  activityCollector,
  databasesCollector,
  replicationCollector,
  walCollector,
  archiverCollector,
  statementsCollector,
  instanceCollector,
  tablesCollector,
  indexesCollector,
  schemaCollector,
];

/** Every collector of every engine; an instance runs only its engine's (`collectorsFor`). */
export const COLLECTORS: readonly Collector[] = Object.freeze(
  [...POSTGRES_COLLECTORS, ...MYSQL_COLLECTORS].map((collector) =>
    Object.freeze({ ...collector, queries: Object.freeze([...collector.queries]), metrics: Object.freeze([...collector.metrics]) }),
  ),
);

/** Collectors of running plugins, by plugin: they are scheduled, stored and charted like the built-in ones. */
const pluginCollectors = new Map<string, readonly Collector[]>();
const pluginListeners = new Set<() => void>();
/** Built-in and plugin collectors together, and their metric names: read on every run and every chart request, so
 * rebuilt only when a plugin's collectors change. */
let combined: readonly Collector[] = COLLECTORS;
let metricNames: ReadonlySet<string> | null = null;

function combine(): void {
  combined = Object.freeze([...COLLECTORS, ...[...pluginCollectors.values()].flat()]);
  metricNames = null;
}

/** Sets (or, with none, removes) a plugin's collectors; refused when one would clash with a collector or metric already known. */
export function setPluginCollectors(plugin: string, collectors: readonly Collector[]): void {
  const had = pluginCollectors.delete(plugin);
  if (!had && collectors.length === 0) return;
  combine();
  if (collectors.length > 0) {
    checkCollectors([...combined, ...collectors]);
    pluginCollectors.set(plugin, Object.freeze([...collectors]));
    combine();
  }
  for (const listener of pluginListeners) listener();
}

/** Called whenever a plugin's collectors come or go (the scheduler plans the new ones). Returns the unsubscribe. */
export function onPluginCollectorsChanged(listener: () => void): () => void {
  pluginListeners.add(listener);
  return () => pluginListeners.delete(listener);
}

/** The built-in collectors, then those of running plugins. */
export function allCollectors(): readonly Collector[] {
  return combined;
}

/** Every declared metric's full name (`<collector>.<metric>`), plugins' included. */
export function declaredMetricNames(): ReadonlySet<string> {
  metricNames ??= new Set(combined.flatMap((collector) => collector.metrics.map((metric) => `${collector.id}.${metric.name}`)));
  return metricNames;
}

/** The declarations the SPA charts from: any declared metric gets a chart with no frontend change. */
export function metricCatalog(): MetricCatalog {
  return {
    collectors: allCollectors().map((collector) => ({
      id: collector.id,
      title: collector.title,
      engine: collector.engine,
      tier: collector.tier,
      snapshotKind: collector.snapshotKind ?? null,
      metrics: collector.metrics.map(({ name, kind, unit, label }) => ({ metric: `${collector.id}.${name}`, kind, unit, label })),
    })),
  };
}

/** The collectors an instance of this engine runs, in full-pass order. */
export function collectorsFor(engine: Engine): readonly Collector[] {
  return allCollectors().filter((collector) => collector.engine === engine);
}

export function findCollector(id: string): Collector | undefined {
  return allCollectors().find((collector) => collector.id === id);
}

/**
 * What would fail on every run, or chart wrongly, fails at start-up instead: unregistered queries, a metric declared
 * twice or without a unit (the SPA formats axes from it), a tier that contradicts the interval, a snapshot kind two
 * collectors would overwrite.
 */
export function checkCollectors(collectors: readonly Collector[]): void {
  const metrics = new Set<string>();
  const snapshotKinds = new Set<string>();
  for (const collector of collectors) {
    if (collectors.filter((other) => other.id === collector.id).length > 1) throw new Error(`duplicate collector id "${collector.id}"`);
    const unknown = collector.queries.filter((query): boolean => !isRegisteredQuery(query));
    if (unknown.length > 0) throw new Error(`collector "${collector.id}" lists unregistered queries: ${unknown.map((query) => query.name).join(', ')}`);
    if ((collector.tier === 'fast') !== collector.defaultIntervalSeconds <= FAST_TIER_MAX_SECONDS) {
      throw new Error(`collector "${collector.id}" is declared ${collector.tier} but runs every ${collector.defaultIntervalSeconds} s`);
    }
    if (collector.snapshotKind !== undefined) {
      if (snapshotKinds.has(collector.snapshotKind)) throw new Error(`snapshot kind "${collector.snapshotKind}" is declared twice`);
      snapshotKinds.add(collector.snapshotKind);
    }
    for (const declared of collector.metrics) {
      const name = `${collector.id}.${declared.name}`;
      if (metrics.has(name)) throw new Error(`metric "${name}" is declared twice`);
      if (!(METRIC_UNITS as readonly string[]).includes(declared.unit)) throw new Error(`metric "${name}" declares no known unit`);
      metrics.add(name);
    }
  }
}

checkCollectors(COLLECTORS);
