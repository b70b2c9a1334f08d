import { hasValues, lastValue, quotient, ratioPercent, scaleColumn, sumColumns } from '@/components/charts/series';
import type { ChartSeries } from '@/components/charts/TimeSeriesChart';
import { formatBytes, formatCompact, formatDuration, formatMilliseconds, formatPercent } from '@/lib/format';
import type { ChartSource, SourceColumns } from './chart-data';

export type ChartDefinition = {
  id: string;
  title: string;
  format: (value: number) => string;
  yScale?: 'zero' | 'percent';
  sources: ChartSource[];
  lines: (columns: SourceColumns[], length: number) => ChartSeries[];
};

const sum = (columns: SourceColumns | undefined, length: number) => sumColumns(columns ?? [], length);

/** The states pg_stat_activity reports, busiest first; anything else follows in name order. */
const STATE_ORDER = ['active', 'idle in transaction', 'idle in transaction (aborted)', 'idle', 'fastpath function call', 'disabled'];
const stateRank = (state: string) => {
  const rank = STATE_ORDER.indexOf(state);
  return rank === -1 ? STATE_ORDER.length : rank;
};

/** Per-object lines, largest last value first, at most `limit` of them (eight colours, one legend row). */
function largest(columns: SourceColumns | undefined, limit: number): ChartSeries[] {
  return [...(columns ?? [])]
    .filter((column) => hasValues(column.values))
    .sort((a, b) => (lastValue(b.values) ?? 0) - (lastValue(a.values) ?? 0))
    .slice(0, limit)
    .map((column) => ({ label: column.object || 'total', values: column.values }));
}

const perSecond = (value: number) => `${formatCompact(value)}/s`;
const bytesPerSecond = (value: number) => `${formatBytes(value)}/s`;

/** The overview's charts: what a PostgreSQL health page shows first. */
export const OVERVIEW_CHARTS: readonly ChartDefinition[] = [
  {
    id: 'connections',
    title: 'Connections by state',
    format: formatCompact,
    sources: [{ metric: 'activity.sessions', kind: 'count' }],
    lines: ([sessions = []]) =>
      [...sessions]
        .sort((a, b) => stateRank(a.object) - stateRank(b.object) || a.object.localeCompare(b.object))
        .map((column) => ({ label: column.object, values: column.values })),
  },
  {
    id: 'transactions',
    title: 'Transactions per second',
    format: perSecond,
    sources: [
      { metric: 'databases.xact_commit', kind: 'rate' },
      { metric: 'databases.xact_rollback', kind: 'rate' },
    ],
    lines: ([commits, rollbacks], length) => [
      { label: 'Commits', values: sum(commits, length) },
      { label: 'Rollbacks', values: sum(rollbacks, length) },
    ],
  },
  {
    id: 'cache-hit',
    title: 'Cache hit ratio',
    format: (value) => formatPercent(value, 2),
    yScale: 'percent',
    sources: [
      { metric: 'databases.blks_hit', kind: 'rate' },
      { metric: 'databases.blks_read', kind: 'rate' },
    ],
    lines: ([hits, reads], length) => [{ label: 'Buffer hits', values: ratioPercent(sum(hits, length), sum(reads, length)) }],
  },
  {
    id: 'database-size',
    title: 'Database size',
    format: formatBytes,
    sources: [{ metric: 'databases.size_bytes', kind: 'gauge' }],
    lines: ([sizes]) => largest(sizes, 8),
  },
  {
    id: 'locks',
    title: 'Locks',
    format: formatCompact,
    sources: [{ metric: 'activity.locks', kind: 'count' }],
    lines: ([locks = []], length) => [
      {
        label: 'Held',
        values: sum(
          locks.filter((lock) => lock.object.endsWith(':granted')),
          length,
        ),
      },
      {
        label: 'Waiting',
        values: sum(
          locks.filter((lock) => lock.object.endsWith(':waiting')),
          length,
        ),
      },
    ],
  },
  {
    id: 'temp-bytes',
    title: 'Temporary files written',
    format: bytesPerSecond,
    sources: [{ metric: 'databases.temp_bytes', kind: 'rate' }],
    lines: ([temp], length) => [{ label: 'Temp bytes', values: sum(temp, length) }],
  },
  {
    id: 'replication-lag',
    title: 'Replication lag',
    format: (value) => (value < 1 ? formatMilliseconds(value * 1000) : formatDuration(value)),
    sources: [
      { metric: 'replication.standby_replay_lag_seconds', kind: 'gauge' },
      { metric: 'replication.replay_delay_seconds', kind: 'gauge' },
    ],
    lines: ([standbys, delay], length) => [
      ...largest(standbys, 7),
      ...(hasValues(sum(delay, length)) ? [{ label: 'Replay delay (this standby)', values: sum(delay, length) }] : []),
    ],
  },
  {
    id: 'checkpoints',
    title: 'Checkpoints per hour',
    format: (value) => `${formatCompact(value)}/h`,
    sources: [
      { metric: 'wal.checkpoints_timed', kind: 'rate' },
      { metric: 'wal.checkpoints_req', kind: 'rate' },
    ],
    lines: ([timed, requested], length) => [
      { label: 'Timed', values: scaleColumn(sum(timed, length), 3600) },
      { label: 'Requested', values: scaleColumn(sum(requested, length), 3600) },
    ],
  },
];

/** Metrics the databases collector reports per database: the charts built only from them can show one database. */
const isPerDatabase = (source: ChartSource) => source.metric.startsWith('databases.');

/** The URL parameter naming the database the overview's per-database charts show (absent: the whole cluster). */
export const DATABASE_PARAM = 'database';

/** The database the URL names, as the page and the boot prefetch both read it. */
export const databaseFromSearch = (params: URLSearchParams): string | null => params.get(DATABASE_PARAM) || null;

/**
 * The overview's charts for one database, or for the whole cluster when none is chosen. Charts built only from
 * per-database series read that database's series alone and say so in their title; the others (sessions, locks,
 * replication, checkpoints) are cluster-wide by nature and stay as they are.
 */
export function overviewCharts(database: string | null): readonly ChartDefinition[] {
  if (database === null) return OVERVIEW_CHARTS;
  return OVERVIEW_CHARTS.map((chart) =>
    chart.sources.every(isPerDatabase)
      ? {
          ...chart,
          id: `${chart.id}:${database}`,
          title: `${chart.title} · ${database}`,
          sources: chart.sources.map((source) => ({ ...source, object: database })),
        }
      : chart,
  );
}

/** One statement's history: how often it runs and how long a call takes, from its own counters. */
export const statementCharts = (key: string): ChartDefinition[] => [
  {
    id: 'calls',
    title: 'Calls per second',
    format: perSecond,
    sources: [{ metric: 'statements.calls', kind: 'rate', object: key }],
    lines: ([calls], length) => [{ label: 'Calls', values: sum(calls, length) }],
  },
  {
    id: 'mean-time',
    title: 'Mean time per call',
    format: formatMilliseconds,
    sources: [
      { metric: 'statements.total_exec_time_ms', kind: 'rate', object: key },
      { metric: 'statements.calls', kind: 'rate', object: key },
    ],
    lines: ([time, calls], length) => [{ label: 'Mean time', values: quotient(sum(time, length), sum(calls, length)) }],
  },
  {
    id: 'rows',
    title: 'Rows per second',
    format: perSecond,
    sources: [{ metric: 'statements.rows', kind: 'rate', object: key }],
    lines: ([rows], length) => [{ label: 'Rows', values: sum(rows, length) }],
  },
  {
    id: 'blocks',
    title: 'Shared blocks per second',
    format: perSecond,
    sources: [
      { metric: 'statements.shared_blks_hit', kind: 'rate', object: key },
      { metric: 'statements.shared_blks_read', kind: 'rate', object: key },
    ],
    lines: ([hit, read], length) => [
      { label: 'Hit', values: sum(hit, length) },
      { label: 'Read', values: sum(read, length) },
    ],
  },
];
