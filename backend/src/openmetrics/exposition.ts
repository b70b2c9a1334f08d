import { Counter, Gauge, type OpenMetricsContentType, type PrometheusContentType, Registry } from 'prom-client';
import type { LatestValue } from '../metrics/metrics.reader';
import type { ExportedMetric } from './exported-metrics';

/** The two text formats a scrape may ask for. */
export type ExpositionFormat = 'openmetrics' | 'prometheus';

export const CONTENT_TYPES: Record<ExpositionFormat, string> = {
  openmetrics: Registry.OPENMETRICS_CONTENT_TYPE,
  prometheus: Registry.PROMETHEUS_CONTENT_TYPE,
};

function registryFor(format: ExpositionFormat): Registry<PrometheusContentType> | Registry<OpenMetricsContentType> {
  if (format === 'prometheus') return new Registry();
  const registry = new Registry<OpenMetricsContentType>();
  registry.setContentType(Registry.OPENMETRICS_CONTENT_TYPE);
  return registry;
}

/** What one scrape shows of one instance. */
export interface ExportedInstance {
  id: string;
  name: string;
  /** Collection works (the instance is up or degraded), as the instance page says. */
  up: boolean;
  findings: { critical: number; warning: number; info: number };
}

const SEVERITIES = ['critical', 'warning', 'info'] as const;
const INSTANCE_LABELS = ['instance', 'instance_id'] as const;

/**
 * The scrape's text, built with prom-client so names are validated and label values escaped (quotes, backslashes,
 * newlines in an instance or object name). A fresh registry per scrape: nothing of one caller's view outlives it.
 */
export async function exposition(
  format: ExpositionFormat,
  instances: readonly ExportedInstance[],
  series: ReadonlyArray<{ exported: ExportedMetric; values: readonly LatestValue[] }>,
): Promise<string> {
  const registry = registryFor(format);
  const labelsOf = new Map(instances.map((instance) => [instance.id, { instance: instance.name, instance_id: instance.id }]));
  const up = new Gauge({ name: 'inspector_instance_up', help: 'Collection works (1) or fails (0)', labelNames: INSTANCE_LABELS, registers: [registry] });
  const findings = new Gauge({
    name: 'inspector_findings_open',
    help: 'Findings not resolved (open, acknowledged or snoozed)',
    labelNames: [...INSTANCE_LABELS, 'severity'],
    registers: [registry],
  });
  for (const instance of instances) {
    const labels = labelsOf.get(instance.id)!;
    up.set(labels, instance.up ? 1 : 0);
    for (const severity of SEVERITIES) findings.set({ ...labels, severity }, instance.findings[severity]);
  }
  for (const { exported, values } of series) {
    if (values.length === 0) continue;
    const options = { help: exported.help, labelNames: [...INSTANCE_LABELS, exported.objectLabel], registers: [registry] };
    // prom-client writes a counter's samples with `_total` in both formats (and its family name without it in OpenMetrics).
    const metric = exported.type === 'counter' ? new Counter({ ...options, name: `${exported.name}_total` }) : new Gauge({ ...options, name: exported.name });
    for (const value of values) {
      const instance = labelsOf.get(value.instanceId);
      if (!instance) continue;
      const labels = value.object === '' ? instance : { ...instance, [exported.objectLabel]: value.object };
      const scaled = value.value * exported.scale;
      if (metric instanceof Counter) metric.inc(labels, scaled);
      else metric.set(labels, scaled);
    }
  }
  return registry.metrics();
}

/** OpenMetrics when the Accept header names it (Prometheus asks for it first), else the Prometheus 0.0.4 text format. */
export function formatFor(accept: string | undefined): ExpositionFormat {
  const offered = (accept ?? '').split(',').map((part) => part.trim().toLowerCase());
  return offered.some((part) => part.startsWith('application/openmetrics-text') && !/;\s*q=0(\.0*)?\s*(;|$)/.test(part)) ? 'openmetrics' : 'prometheus';
}
