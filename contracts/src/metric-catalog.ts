import { z } from 'zod';
import { engineSchema } from './instances';

/** What a metric's numbers measure: the SPA picks the axis format from it, so a new metric needs no frontend change. */
export const METRIC_UNITS = ['count', 'bytes', 'seconds', 'milliseconds', 'blocks', 'rows', 'ratio', 'boolean'] as const;
export type MetricUnit = (typeof METRIC_UNITS)[number];

export const declaredMetricSchema = z.object({
  /** Full name, as the series endpoint takes it: `<collector>.<name>`. */
  metric: z.string(),
  /** Counters chart as per-second rates, gauges as they are. */
  kind: z.enum(['gauge', 'counter']),
  unit: z.enum(METRIC_UNITS),
  label: z.string(),
});

/** Every collector's declared metrics, tier and snapshot kind: what the SPA needs to chart any metric. */
export const metricCatalogSchema = z.object({
  collectors: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      /** The server kind the collector reads: an instance runs only its own engine's collectors. */
      engine: engineSchema,
      tier: z.enum(['fast', 'slow']),
      snapshotKind: z.string().nullable(),
      metrics: z.array(declaredMetricSchema),
    }),
  ),
});

export type DeclaredMetric = z.infer<typeof declaredMetricSchema>;
export type MetricCatalog = z.infer<typeof metricCatalogSchema>;
