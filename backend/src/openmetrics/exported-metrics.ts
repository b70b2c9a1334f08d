import { type Collector, type MetricDeclaration } from '../collectors';

/** How one declared metric appears to Prometheus. */
export interface ExportedMetric {
  /** The family name, without the `_total` a counter's samples carry. */
  name: string;
  help: string;
  type: 'gauge' | 'counter';
  /** Multiplies the stored value into the exported unit (milliseconds become seconds). */
  scale: number;
  /** The label naming the series' object: the database for per-database collectors, else `object`. */
  objectLabel: 'database' | 'object';
}

/** Collectors whose objects are databases: their series carry `database="…"`, the label dashboards join on. */
const PER_DATABASE_COLLECTORS = new Set(['databases']);

/** Prometheus names allow letters, digits and underscores (colons are for recording rules). */
const nameSafe = (text: string) => text.replace(/[^a-zA-Z0-9_]/g, '_');

/**
 * `inspector_<collector>_<metric>`, in base units with the unit as a suffix where Prometheus conventions want one
 * (`_bytes`, `_seconds`; milliseconds are exported as seconds). Stable: derived from declarations only.
 */
export function exportedMetric(collector: Pick<Collector, 'id'>, declared: MetricDeclaration): ExportedMetric {
  let name = `inspector_${nameSafe(collector.id)}_${nameSafe(declared.name)}`;
  let scale = 1;
  if (declared.unit === 'milliseconds') {
    name = name.replace(/_ms$/, '');
    scale = 0.001;
  }
  const suffix = declared.unit === 'bytes' ? '_bytes' : declared.unit === 'seconds' || declared.unit === 'milliseconds' ? '_seconds' : '';
  if (suffix && !name.endsWith(suffix)) name += suffix;
  return {
    name,
    help: declared.label,
    type: declared.kind,
    scale,
    objectLabel: PER_DATABASE_COLLECTORS.has(collector.id) ? 'database' : 'object',
  };
}
