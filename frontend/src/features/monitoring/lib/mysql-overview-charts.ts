import type { MetricCatalog } from '@inspector/contracts';
import { sumColumns } from '@/components/charts/series';
import { formatCompact, formatDuration, formatMilliseconds } from '@/lib/format';
import type { SourceColumns } from './chart-data';
import type { ChartDefinition } from './overview-charts';

const sum = (columns: SourceColumns | undefined, length: number) => sumColumns(columns ?? [], length);
const perSecond = (value: number) => `${formatCompact(value)}/s`;

/** What a MySQL / MariaDB health page shows first, from the MySQL collectors' metrics. */
export const MYSQL_OVERVIEW_CHARTS: readonly ChartDefinition[] = [
  {
    id: 'mysql-connections',
    title: 'Connections',
    format: formatCompact,
    sources: [
      { metric: 'mysql_status.connections', kind: 'gauge' },
      { metric: 'mysql_status.max_connections', kind: 'gauge' },
    ],
    lines: ([connected, max], length) => [
      { label: 'Connected', values: sum(connected, length) },
      { label: 'max_connections', values: sum(max, length) },
    ],
  },
  {
    id: 'mysql-threads-running',
    title: 'Threads running',
    format: formatCompact,
    sources: [{ metric: 'mysql_status.threads_running', kind: 'gauge' }],
    lines: ([running], length) => [{ label: 'Running', values: sum(running, length) }],
  },
  {
    id: 'mysql-statements',
    title: 'Statements per second',
    format: perSecond,
    sources: [{ metric: 'mysql_status.queries', kind: 'rate' }],
    lines: ([queries], length) => [{ label: 'Statements', values: sum(queries, length) }],
  },
  {
    id: 'mysql-innodb-rows',
    title: 'InnoDB rows per second',
    format: perSecond,
    sources: [
      { metric: 'mysql_status.innodb_rows_read', kind: 'rate' },
      { metric: 'mysql_status.innodb_rows_inserted', kind: 'rate' },
      { metric: 'mysql_status.innodb_rows_updated', kind: 'rate' },
      { metric: 'mysql_status.innodb_rows_deleted', kind: 'rate' },
    ],
    lines: ([read, inserted, updated, deleted], length) => [
      { label: 'Read', values: sum(read, length) },
      { label: 'Inserted', values: sum(inserted, length) },
      { label: 'Updated', values: sum(updated, length) },
      { label: 'Deleted', values: sum(deleted, length) },
    ],
  },
  {
    id: 'mysql-buffer-pool',
    title: 'Buffer pool reads per second',
    format: perSecond,
    sources: [
      { metric: 'mysql_status.buffer_pool_read_requests', kind: 'rate' },
      { metric: 'mysql_status.buffer_pool_reads', kind: 'rate' },
    ],
    lines: ([requests, reads], length) => [
      { label: 'Read requests', values: sum(requests, length) },
      { label: 'Reads from disk', values: sum(reads, length) },
    ],
  },
  {
    id: 'mysql-history-list',
    title: 'History list length',
    format: formatCompact,
    sources: [{ metric: 'mysql_status.history_list_length', kind: 'gauge' }],
    lines: ([history], length) => [{ label: 'Undo records', values: sum(history, length) }],
  },
  {
    id: 'mysql-deadlocks',
    title: 'Deadlocks per second',
    format: perSecond,
    sources: [{ metric: 'mysql_status.deadlocks', kind: 'rate' }],
    lines: ([deadlocks], length) => [{ label: 'Deadlocks', values: sum(deadlocks, length) }],
  },
  {
    id: 'mysql-replica-lag',
    title: 'Replica lag',
    format: (value) => (value < 1 ? formatMilliseconds(value * 1000) : formatDuration(value)),
    sources: [{ metric: 'mysql_replication.seconds_behind', kind: 'gauge' }],
    lines: ([channels = []]) => channels.map((channel) => ({ label: channel.object || 'default channel', values: channel.values })),
  },
];

/** The metrics an engine's collectors declare, as the catalog lists them. */
export const declaredMetrics = (catalog: MetricCatalog, engine: 'postgres' | 'mysql'): Set<string> =>
  new Set(catalog.collectors.filter((collector) => collector.engine === engine).flatMap((collector) => collector.metrics.map((metric) => metric.metric)));

/** The charts whose every metric is declared: the batch request answers 400 for a metric no collector declares. */
export const declaredCharts = (charts: readonly ChartDefinition[], declared: ReadonlySet<string>): ChartDefinition[] =>
  charts.filter((chart) => chart.sources.every((source) => declared.has(source.metric)));
