import type { DeclaredMetric, MetricUnit } from '@inspector/contracts';
import { hasValues, lastValue } from '@/components/charts/series';
import { formatBytes, formatCompact, formatDuration, formatMilliseconds, formatPercent } from '@/lib/format';
import type { ChartDefinition } from './overview-charts';

/** How a value of each unit reads on an axis; a counter charts as a rate, so it reads "per second". */
const FORMATS: Record<MetricUnit, (value: number) => string> = {
  count: formatCompact,
  rows: formatCompact,
  blocks: formatCompact,
  bytes: formatBytes,
  seconds: (value) => (value < 1 ? formatMilliseconds(value * 1000) : formatDuration(value)),
  milliseconds: formatMilliseconds,
  ratio: (value) => formatPercent(value * 100),
  boolean: (value) => (value >= 0.5 ? 'yes' : 'no'),
};

/** Objects drawn per chart: eight colours, one legend row; the largest last values first. */
const MAX_LINES = 8;

/** A chart for any declared metric, built from its declaration alone: a new metric needs no frontend change. */
export function declaredChart(declared: DeclaredMetric): ChartDefinition {
  const format = FORMATS[declared.unit];
  const counter = declared.kind === 'counter';
  return {
    id: `declared-${declared.metric}`,
    title: counter ? `${declared.label} per second` : declared.label,
    format: counter ? (value) => `${format(value)}/s` : format,
    sources: [{ metric: declared.metric, kind: counter ? 'rate' : 'gauge' }],
    lines: ([columns = []]) =>
      columns
        .filter((column) => hasValues(column.values))
        .sort((a, b) => (lastValue(b.values) ?? 0) - (lastValue(a.values) ?? 0))
        .slice(0, MAX_LINES)
        .map((column) => ({ label: column.object || declared.label, values: column.values })),
  };
}
