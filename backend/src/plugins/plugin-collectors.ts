import type { Engine } from '@inspector/contracts';
import type { PluginParts } from '@inspector/plugin-sdk';
import { z } from 'zod';
import { type Collector, CollectorUnavailableError, type MetricSample, type MonitorQuery, type QueryRunner } from '../collectors';
import { PluginUnavailableError } from './sandbox/plugin-sandbox';

/** Plugin collectors run once a minute: often enough to chart, rare enough for an unknown query's cost. */
export const PLUGIN_COLLECTOR_INTERVAL_SECONDS = 60;
const PLUGIN_RETENTION_DAYS = 7;
const MAX_SAMPLES = 1_000;
/** The series endpoints take metric names up to this long. */
const MAX_METRIC_NAME = 100;

/** What a plugin collector answers, checked before anything reaches the store. */
const samplesSchema = z
  .array(
    z.strictObject({
      metric: z.string().max(128),
      value: z.number().refine(Number.isFinite, 'a finite number'),
      labels: z.record(z.string().max(64), z.string().max(255)).optional(),
    }),
  )
  .max(MAX_SAMPLES);

/** Calls one collector of the plugin about one instance. */
export type CollectorCall = (collector: string, instanceId: string) => Promise<unknown>;

/** `plugin.<plugin>.<collector>`; its metrics are `plugin.<plugin>.<collector>.<key>`, so a plugin's metrics say whose they are. */
export function pluginCollectorId(plugin: string, collector: string): string {
  return `plugin.${plugin}.${collector}`;
}

/**
 * A running plugin's collectors as Inspector collectors: scheduled with the instance's own, stored and charted the same
 * way. A sample's labels become the series' object (`database=shop,schema=public`), as a table name is for a built-in one.
 */
export function pluginCollectors(
  plugin: string,
  engine: Engine,
  parts: PluginParts,
  queries: readonly MonitorQuery<unknown, readonly unknown[]>[],
  call: CollectorCall,
): Collector[] {
  return Object.entries(parts.collectors).map(([name, part]) => {
    const id = pluginCollectorId(plugin, name);
    const tooLong = part.metrics.find((metric) => `${id}.${metric.key}`.length > MAX_METRIC_NAME);
    if (tooLong) throw new Error(`metric ${id}.${tooLong.key} is longer than ${MAX_METRIC_NAME} characters`);
    const kinds = new Map(part.metrics.map((metric) => [metric.key, metric.kind]));
    return {
      id,
      title: `${name} (plugin ${plugin})`,
      engine,
      tier: 'fast',
      metrics: part.metrics.map(({ key, kind, unit, label }) => ({ name: key, kind, unit, label })),
      defaultIntervalSeconds: PLUGIN_COLLECTOR_INTERVAL_SECONDS,
      defaultRetentionDays: PLUGIN_RETENTION_DAYS,
      queries,
      async collect(conn) {
        const answer = await callPlugin(() => call(name, instanceOf(conn)));
        const parsed = samplesSchema.safeParse(answer);
        if (!parsed.success) throw new Error(`plugin collector answered something other than samples: ${parsed.error.issues[0]?.message ?? ''}`);
        const metrics: MetricSample[] = parsed.data.map((sample) => ({
          metric: `${id}.${sample.metric}`,
          object: objectOf(sample.labels),
          value: sample.value,
          // An undeclared key keeps a kind the runner refuses, so the run fails naming the metric.
          kind: kinds.get(sample.metric) ?? 'gauge',
        }));
        return { metrics };
      },
    } satisfies Collector;
  });
}

/** The series object for a sample's labels (null: the instance itself); `labelsOf` reads it back for analyzers. */
export function objectOf(labels: Record<string, string> | undefined): string | null {
  const entries = Object.entries(labels ?? {}).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return null;
  return entries.map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`).join(',');
}

export function labelsOf(object: string): Record<string, string> | undefined {
  if (object === '') return undefined;
  return Object.fromEntries(
    object.split(',').map((pair) => {
      const [key = '', value = ''] = pair.split('=');
      return [decodeURIComponent(key), decodeURIComponent(value)];
    }),
  );
}

/**
 * Collection hands collectors the instance's monitoring connection; a plugin's queries run on that instance's
 * connection, so the call needs to know which instance it is about.
 */
function instanceOf(conn: QueryRunner): string {
  const instanceId = (conn as Partial<{ instanceId: unknown }>).instanceId;
  if (typeof instanceId !== 'string') throw new CollectorUnavailableError('plugin collectors run only on an instance’s monitoring connection');
  return instanceId;
}

/** A plugin that is not running makes its collectors unavailable (with the reason), not failing. */
async function callPlugin(call: () => Promise<unknown>): Promise<unknown> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof PluginUnavailableError) throw new CollectorUnavailableError(error.message);
    throw error;
  }
}
