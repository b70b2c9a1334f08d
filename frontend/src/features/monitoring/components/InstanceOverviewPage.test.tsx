import type { CollectorStatus } from '@inspector/contracts';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { lastValue } from '@/components/charts/series';
import { instance } from '@/testing/fixtures';
import { jsonResponse, renderApp, sessionWith, stubApi } from '@/testing/render-app';

// jsdom has no canvas: the chart is replaced by its inputs, which is what these tests are about, and by the
// latest value its legend and screen-reader summary show away from the cursor.
vi.mock('@/components/charts/TimeSeriesChart', () => ({
  TimeSeriesChart: ({
    title,
    series,
    format,
    fromMs,
    toMs,
  }: {
    title: string;
    series: { label: string; values: (number | null)[] }[];
    format: (value: number) => string;
    fromMs: number;
    toMs: number;
  }) => (
    <figure aria-label={title} data-from={fromMs} data-to={toMs}>
      {series.map((line) => (
        <p key={line.label}>
          {line.label}:{' '}
          {line.values
            .filter((value) => value !== null)
            .map(format)
            .join(' ')}
        </p>
      ))}
      <ul aria-label="latest">
        {series.map((line) => {
          const latest = lastValue(line.values);
          return (
            <li key={line.label}>
              {line.label} {latest === null ? 'no data' : format(latest)}
            </li>
          );
        })}
      </ul>
    </figure>
  ),
}));

const collector = (overrides: Partial<CollectorStatus>): CollectorStatus => ({
  collectorId: 'activity',
  title: 'Activity and locks',
  intervalSeconds: 15,
  retentionDays: 7,
  status: 'ok',
  lastRunAt: new Date(Date.now() - 20_000).toISOString(),
  durationMs: 4,
  rows: 6,
  error: null,
  consecutiveFailures: 0,
  ...overrides,
});

const status = (state = 'up') => ({
  instanceId: 'i-1',
  state,
  lastError: state === 'up' ? null : 'table_stats: canceling statement due to lock timeout',
  failingCollectors: state === 'up' ? [] : ['tables'],
  collectors: [
    collector({}),
    collector({
      collectorId: 'tables',
      title: 'Tables',
      status: state === 'up' ? 'ok' : 'error',
      error: state === 'up' ? null : 'table_stats: canceling statement due to lock timeout',
      consecutiveFailures: 3,
    }),
  ],
});

/**
 * Answers every metric from `points`, one series per object, buckets of a minute. The collector has run since the
 * metric's first point (from the start of the range when it has none) up to the end of the range.
 */
function metrics(points: Record<string, Record<string, [number, number][]>>) {
  return ({ url }: { url: URL }) => {
    const metric = url.searchParams.get('metric')!;
    const [from, to] = [Date.parse(url.searchParams.get('from')!), Date.parse(url.searchParams.get('to')!)];
    const series = Object.entries(points[metric] ?? {}).map(([object, values]) => ({ object, points: values }));
    const since = Math.min(...series.flatMap((line) => line.points.map(([at]) => at)), to);
    const monitored = [[series.length > 0 ? since : from, to]];
    return jsonResponse(200, { metric, from: url.searchParams.get('from'), to: url.searchParams.get('to'), stepSeconds: 60, monitored, series });
  };
}

const minuteAgo = (minutes: number) => Math.floor((Date.now() - minutes * 60_000) / 60_000) * 60_000;

describe('InstanceOverviewPage', () => {
  it('shows a degraded instance with its last error, and each collector’s last run', async () => {
    stubApi({
      'GET /api/instances/i-1': jsonResponse(200, instance()),
      'GET /api/instances/i-1/status': jsonResponse(200, status('degraded')),
      'GET /api/instances/i-1/metrics': metrics({}),
    });
    renderApp('/instances/i-1', { session: sessionWith(['instances:read', 'monitoring:read']) });

    const panel = await screen.findByRole('region', { name: 'Status' });
    expect(await within(panel).findByText('Degraded')).toBeInTheDocument();
    expect(panel).toHaveTextContent('Last error: table_stats: canceling statement due to lock timeout');
    expect(within(panel).queryByRole('button', { name: 'Collect now' })).not.toBeInTheDocument();

    const tables = within(screen.getByRole('region', { name: 'Collectors' })).getByRole('row', { name: /Tables/ });
    expect(tables).toHaveTextContent(/Error\s*3 failures in a row/);
    expect(tables).toHaveTextContent('canceling statement due to lock timeout');
    expect(within(screen.getByRole('region', { name: 'Collectors' })).getByRole('row', { name: /Activity and locks/ }))
      // The run was 20 s before the stub answered; a loaded machine may take a few seconds more to render.
      .toHaveTextContent(/2\d seconds ago/);
  });

  it('collects now and shows what each collector did', async () => {
    let collected = false;
    const { calls } = stubApi({
      'GET /api/instances/i-1': jsonResponse(200, instance()),
      'GET /api/instances/i-1/status': () => jsonResponse(200, status(collected ? 'up' : 'degraded')),
      'GET /api/instances/i-1/metrics': metrics({}),
      'POST /api/instances/i-1/collect': () => {
        collected = true;
        return jsonResponse(200, {
          instanceId: 'i-1',
          collectors: [
            { collectorId: 'activity', status: 'ok', durationMs: 3.2, rows: 6, message: null },
            { collectorId: 'statements', status: 'unavailable', durationMs: 0.4, rows: 0, message: 'pg_stat_statements is not installed' },
          ],
        });
      },
    });
    renderApp('/instances/i-1', { session: sessionWith(['instances:read', 'monitoring:write']) });

    await userEvent.click(await screen.findByRole('button', { name: 'Collect now' }));
    const result = await screen.findByRole('status', { name: 'Collection result' });
    expect(result).toHaveTextContent('Collected: 1 of 2 collectors OK');
    expect(within(result).getByRole('row', { name: /statements/ })).toHaveTextContent(/Unavailable.*pg_stat_statements is not installed/);
    // The collection makes every view of the instance stale: the status is asked again.
    expect(await within(screen.getByRole('region', { name: 'Status' })).findByText('Up')).toBeInTheDocument();
    expect(calls.filter((call) => call.path === '/api/instances/i-1/status').length).toBeGreaterThan(1);
  });

  it('charts connections by state and transactions per second from the metrics', async () => {
    stubApi({
      'GET /api/instances/i-1': jsonResponse(200, instance()),
      'GET /api/instances/i-1/status': jsonResponse(200, status()),
      'GET /api/instances/i-1/metrics': metrics({
        'activity.sessions': { active: [[minuteAgo(3), 2]], idle: [[minuteAgo(3), 5]] },
        'databases.xact_commit': { app: [[minuteAgo(2), 10]], postgres: [[minuteAgo(2), 2]] },
        'databases.xact_rollback': { app: [[minuteAgo(2), 0]] },
      }),
    });
    renderApp('/instances/i-1', { session: sessionWith(['instances:read', 'monitoring:read']) });

    const connections = await screen.findByRole('figure', { name: 'Connections by state' });
    expect(connections).toHaveTextContent(/active: 2 2 2/);
    expect(connections).toHaveTextContent(/idle: 5 5 5/);
    const transactions = await screen.findByRole('figure', { name: 'Transactions per second' });
    expect(transactions).toHaveTextContent(/Commits: 12\/s/);
    expect(within(screen.getByRole('region', { name: 'Replication lag' })).getByText('No data in this range.')).toBeInTheDocument();
  });

  it('gives the transactions line’s latest value as the server’s rate while the busy database’s next reading is due', async () => {
    stubApi({
      'GET /api/instances/i-1': jsonResponse(200, instance()),
      'GET /api/instances/i-1/status': jsonResponse(200, status()),
      'GET /api/instances/i-1/metrics': metrics({
        // The busy database's newest reading is a minute old; the idle ones wrote their one 0 long ago.
        'databases.xact_commit': {
          app: [
            [minuteAgo(3), 17],
            [minuteAgo(2), 17],
            [minuteAgo(1), 17],
          ],
          postgres: [[minuteAgo(30), 0]],
          template1: [[minuteAgo(30), 0]],
        },
        'databases.xact_rollback': { app: [[minuteAgo(30), 0]] },
      }),
    });
    renderApp('/instances/i-1', { session: sessionWith(['instances:read', 'monitoring:read']) });

    const latest = within(await screen.findByRole('figure', { name: 'Transactions per second' })).getByRole('list', { name: 'latest' });
    expect(within(latest).getByText(/^Commits/)).toHaveTextContent('Commits 17/s');
    expect(within(latest).getByText(/^Rollbacks/)).toHaveTextContent('Rollbacks 0/s');
  });

  it('charts any declared metric from the collectors’ catalog, a new collector’s included, with its unit', async () => {
    stubApi({
      'GET /api/instances/i-1': jsonResponse(200, instance()),
      'GET /api/instances/i-1/status': jsonResponse(200, status()),
      'GET /api/collectors/metrics': jsonResponse(200, {
        collectors: [
          {
            id: 'archiver',
            title: 'WAL archiving',
            tier: 'fast',
            snapshotKind: null,
            metrics: [
              { metric: 'archiver.archived_count', kind: 'counter', unit: 'count', label: 'WAL files archived' },
              { metric: 'archiver.last_archived_age_seconds', kind: 'gauge', unit: 'seconds', label: 'Time since the last archived WAL file' },
            ],
          },
        ],
      }),
      'GET /api/instances/i-1/metrics': metrics({
        'archiver.archived_count': { '': [[minuteAgo(2), 0.5]] },
        'archiver.last_archived_age_seconds': { '': [[minuteAgo(2), 90]] },
      }),
    });
    renderApp('/instances/i-1', { session: sessionWith(['instances:read', 'monitoring:read']) });

    const explorer = await screen.findByRole('region', { name: 'Any metric' });
    expect(await within(explorer).findByRole('figure', { name: 'WAL files archived per second' })).toHaveTextContent(/WAL files archived: 0\.5\/s/);
    await userEvent.selectOptions(within(explorer).getByRole('combobox', { name: 'Metric' }), 'archiver.last_archived_age_seconds');
    expect(await within(explorer).findByRole('figure', { name: 'Time since the last archived WAL file' })).toHaveTextContent(/1m 30s/);
  });

  it('asks for the chosen range, and a zoomed window with a way back', async () => {
    const { calls } = stubApi({
      'GET /api/instances/i-1': jsonResponse(200, instance()),
      'GET /api/instances/i-1/status': jsonResponse(200, status()),
      'GET /api/instances/i-1/metrics': metrics({}),
    });
    const { router } = renderApp('/instances/i-1', { session: sessionWith(['instances:read', 'monitoring:read']) });
    const range = await screen.findByRole('group', { name: 'Time range' });
    expect(within(range).getByRole('button', { name: '1 h' })).toHaveAttribute('aria-pressed', 'true');

    await userEvent.click(within(range).getByRole('button', { name: '6 h' }));
    expect(router.state.location.search).toBe('?range=6h');
    const spans = () =>
      calls
        .filter((call) => call.path.startsWith('/api/instances/i-1/metrics'))
        .map((call) => new URL(call.path, 'http://x').searchParams)
        .map((search) => Date.parse(search.get('to')!) - Date.parse(search.get('from')!));
    // Just the window: the server carries values from before it in.
    await vi.waitFor(() => expect(spans().at(-1)).toBe(6 * 3_600_000));

    await router.navigate('/instances/i-1?range=6h&from=2025-01-10T10:00:00.000Z&to=2025-01-10T11:00:00.000Z');
    await userEvent.click(await screen.findByRole('button', { name: 'Reset zoom' }));
    expect(router.state.location.search).toBe('?range=6h');
  });

  it('shows the instance at a glance above the charts, each figure with its state word and the page that explains it', async () => {
    stubApi({
      'GET /api/instances/i-1': jsonResponse(200, instance()),
      'GET /api/instances/i-1/status': jsonResponse(200, status()),
      'GET /api/instances/i-1/metrics': metrics({}),
      'GET /api/instances/i-1/summary': jsonResponse(200, summary()),
    });
    renderApp('/instances/i-1', { session: sessionWith(['instances:read', 'monitoring:read']) });

    const strip = await screen.findByRole('region', { name: 'At a glance' });
    const tile = async (name: RegExp) => within(strip).findByRole('link', { name });
    expect(await tile(/^Version/)).toHaveTextContent('16.4');
    expect(await tile(/^Version/)).toHaveAttribute('href', '/instances/i-1/settings');
    expect(await tile(/^Connections/)).toHaveTextContent(/warning\s*96 \/ 100\s*96 % of max_connections/);
    expect(await tile(/^Connections/)).toHaveAttribute('href', '/instances/i-1/activity');
    expect(await tile(/^XID age/)).toHaveTextContent(/critical\s*1.3B/);
    expect(await tile(/^XID age/)).toHaveAttribute('href', '/instances/i-1/findings');
    expect(await tile(/^Blocked sessions/)).toHaveTextContent(/note\s*2/);
    expect(strip).toHaveTextContent('As collected 20 seconds ago.');
  });

  it('narrows the per-database charts to the database chosen, keeping it in the URL', async () => {
    const { calls } = stubApi({
      'GET /api/instances/i-1': jsonResponse(200, instance()),
      'GET /api/instances/i-1/status': jsonResponse(200, status()),
      'GET /api/instances/i-1/metrics': metrics({}),
      'GET /api/instances/i-1/summary': jsonResponse(200, summary()),
    });
    const { router } = renderApp('/instances/i-1', { session: sessionWith(['instances:read', 'monitoring:read']) });
    const select = await screen.findByRole('combobox', { name: 'Database' });
    await screen.findByRole('option', { name: 'orders' });
    await userEvent.selectOptions(select, 'orders');
    expect(router.state.location.search).toBe('?database=orders');
    expect(await screen.findByRole('region', { name: 'Transactions per second · orders' })).toBeInTheDocument();
    const objectOf = (metric: string) =>
      calls
        .map((call) => new URL(call.path, 'http://x').searchParams)
        .filter((search) => search.get('metric') === metric)
        .map((search) => search.get('object'));
    await vi.waitFor(() => expect(objectOf('databases.xact_commit')).toContain('orders'));
    // Sessions are the server's, not a database's: still asked for without an object.
    expect(new Set(objectOf('activity.sessions'))).toEqual(new Set([null]));
  });
});

function summary() {
  const now = Date.now();
  return {
    instanceId: 'i-1',
    generatedAt: new Date(now).toISOString(),
    lastCollectedAt: new Date(now - 20_000).toISOString(),
    serverVersion: '16.4 (Debian 16.4-1.pgdg120+1)',
    startedAt: new Date(now - 86_400_000).toISOString(),
    uptimeSeconds: { value: 86_400, state: 'ok' },
    connections: { used: 96, max: 100, state: 'warning' },
    activeSessions: { value: 4, state: 'ok' },
    blockedSessions: { value: 2, state: 'info' },
    oldestTransactionSeconds: { value: 30, state: 'ok' },
    xidAge: { value: 1_300_000_000, database: 'orders', state: 'critical' },
    longestQuerySeconds: { value: 2, state: 'ok' },
    cacheHitRatio: { value: 0.999, state: 'ok' },
    databases: ['orders', 'postgres'],
  };
}
