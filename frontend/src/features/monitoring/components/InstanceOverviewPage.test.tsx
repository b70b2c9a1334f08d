import { type CollectorStatus, parseSeriesBatchItem } from '@inspector/contracts';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { lastValue } from '@/components/charts/series';
import { instance } from '@/testing/fixtures';
import { finding, findingPage } from '@/testing/findings';
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
    markers = [],
  }: {
    title: string;
    series: { label: string; values: (number | null)[] }[];
    format: (value: number) => string;
    fromMs: number;
    toMs: number;
    markers?: { atMs: number; label: string; line: string }[];
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
      <ul aria-label="markers">
        {markers.map((marker) => (
          <li key={`${marker.atMs}-${marker.label}`}>
            {marker.line} {marker.label}
          </li>
        ))}
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
 * Answers every metric from `points`, one series per object, buckets of a minute, on the single-metric route and in
 * batches. The collector has run since the metric's first point (from the start of the range when it has none) up to
 * the end of the range.
 */
function metrics(points: Record<string, Record<string, [number, number][]>>) {
  const answer = (metric: string, object: string | undefined, from: string, to: string) => {
    const series = Object.entries(points[metric] ?? {})
      .filter(([name]) => object === undefined || name === object)
      .map(([name, values]) => ({ object: name, points: values }));
    const since = Math.min(...series.flatMap((line) => line.points.map(([at]) => at)), Date.parse(to));
    const monitored = [[series.length > 0 ? since : Date.parse(from), Date.parse(to)]];
    return { metric, from, to, stepSeconds: 60, monitored, series };
  };
  return {
    'GET /api/instances/i-1/metrics': ({ url }: { url: URL }) => {
      const search = url.searchParams;
      return jsonResponse(200, answer(search.get('metric')!, search.get('object') ?? undefined, search.get('from')!, search.get('to')!));
    },
    'GET /api/instances/i-1/metrics/batch': ({ url }: { url: URL }) => {
      const [from, to] = [url.searchParams.get('from')!, url.searchParams.get('to')!];
      const items = batchItems(url).map(({ metric, object }) => answer(metric, object, from, to));
      return jsonResponse(200, { from, to, items });
    },
  };
}

/** The series a batch request asks for, in its order. */
const batchItems = (url: URL) =>
  url.searchParams
    .get('metrics')!
    .split(',')
    .map((item) => parseSeriesBatchItem(item)!);

const isBatch = (path: string) => path.startsWith('/api/instances/i-1/metrics/batch?');
const isSingleMetric = (path: string) => path.startsWith('/api/instances/i-1/metrics?');

const minuteAgo = (minutes: number) => Math.floor((Date.now() - minutes * 60_000) / 60_000) * 60_000;

describe('InstanceOverviewPage', () => {
  it('shows a degraded instance with its last error, and each collector’s last run', async () => {
    stubApi({
      'GET /api/instances/i-1': jsonResponse(200, instance()),
      'GET /api/instances/i-1/status': jsonResponse(200, status('degraded')),
      ...metrics({}),
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
      ...metrics({}),
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
      ...metrics({
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
      ...metrics({
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
            engine: 'postgres',
            tier: 'fast',
            snapshotKind: null,
            metrics: [
              { metric: 'archiver.archived_count', kind: 'counter', unit: 'count', label: 'WAL files archived' },
              { metric: 'archiver.last_archived_age_seconds', kind: 'gauge', unit: 'seconds', label: 'Time since the last archived WAL file' },
            ],
          },
          {
            id: 'mysql_status',
            title: 'MySQL status',
            engine: 'mysql',
            tier: 'fast',
            snapshotKind: 'mysql.status',
            metrics: [{ metric: 'mysql_status.threads_running', kind: 'gauge', unit: 'count', label: 'Threads running' }],
          },
        ],
      }),
      ...metrics({
        'archiver.archived_count': { '': [[minuteAgo(2), 0.5]] },
        'archiver.last_archived_age_seconds': { '': [[minuteAgo(2), 90]] },
      }),
    });
    renderApp('/instances/i-1', { session: sessionWith(['instances:read', 'monitoring:read']) });

    const explorer = await screen.findByRole('region', { name: 'Any metric' });
    // Nothing is charted (nor asked for) until a metric is chosen.
    expect(await within(explorer).findByText('Choose a metric to chart it over this range.')).toBeVisible();
    expect(within(explorer).queryByRole('figure')).toBeNull();
    // A MySQL collector's metric is never collected on a PostgreSQL instance: it is not offered.
    expect(within(explorer).queryByRole('option', { name: /mysql_status/ })).toBeNull();
    await userEvent.selectOptions(within(explorer).getByRole('combobox', { name: 'Metric' }), 'archiver.archived_count');
    expect(await within(explorer).findByRole('figure', { name: 'WAL files archived per second' })).toHaveTextContent(/WAL files archived: 0\.5\/s/);
    await userEvent.selectOptions(within(explorer).getByRole('combobox', { name: 'Metric' }), 'archiver.last_archived_age_seconds');
    expect(await within(explorer).findByRole('figure', { name: 'Time since the last archived WAL file' })).toHaveTextContent(/1m 30s/);
  });

  it('asks for the chosen range, and a zoomed window with a way back', async () => {
    const { calls } = stubApi({
      'GET /api/instances/i-1': jsonResponse(200, instance()),
      'GET /api/instances/i-1/status': jsonResponse(200, status()),
      ...metrics({}),
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
      ...metrics({}),
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
      ...metrics({}),
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
        .filter((call) => isBatch(call.path))
        .flatMap((call) => batchItems(new URL(call.path, 'http://x')))
        .filter((item) => item.metric === metric)
        .map((item) => item.object ?? null);
    await vi.waitFor(() => expect(objectOf('databases.xact_commit')).toContain('orders'));
    // Sessions are the server's, not a database's: still asked for without an object.
    expect(new Set(objectOf('activity.sessions'))).toEqual(new Set([null]));
  });

  it('draws every chart from one metrics request per window, keeping the drawing while the next window loads', async () => {
    const served = metrics({ 'activity.sessions': { idle: [[minuteAgo(3), 5]] }, 'databases.xact_commit': { app: [[minuteAgo(2), 10]] } });
    let releaseNext: (() => void) | null = null;
    const { calls } = stubApi({
      'GET /api/instances/i-1': jsonResponse(200, instance()),
      'GET /api/instances/i-1/status': jsonResponse(200, status()),
      ...served,
      // After the first window, the next answer waits until the test lets it through.
      'GET /api/instances/i-1/metrics/batch': (request) =>
        calls.filter((call) => isBatch(call.path)).length === 1
          ? served['GET /api/instances/i-1/metrics/batch'](request)
          : new Promise<Response>((resolve) => (releaseNext = () => resolve(served['GET /api/instances/i-1/metrics/batch'](request)))),
    });
    renderApp('/instances/i-1', { session: sessionWith(['instances:read', 'monitoring:read']) });

    const charts = await screen.findByRole('region', { name: 'Metrics' });
    expect(await within(charts).findByRole('figure', { name: 'Connections by state' })).toHaveTextContent('idle: 5');
    expect(await within(charts).findByRole('figure', { name: 'Transactions per second' })).toHaveTextContent(/Commits: 10\/s/);
    const batches = () => calls.filter((call) => isBatch(call.path)).map((call) => new URL(call.path, 'http://x'));
    expect(batches()).toHaveLength(1);
    expect(calls.filter((call) => isSingleMetric(call.path))).toEqual([]);
    // Every series the eight charts read, each once.
    expect(batchItems(batches()[0]!).map((item) => item.metric)).toEqual([
      'activity.sessions',
      'databases.xact_commit',
      'databases.xact_rollback',
      'databases.blks_hit',
      'databases.blks_read',
      'databases.size_bytes',
      'activity.locks',
      'databases.temp_bytes',
      'replication.standby_replay_lag_seconds',
      'replication.replay_delay_seconds',
      'wal.checkpoints_timed',
      'wal.checkpoints_req',
    ]);

    await userEvent.click(within(screen.getByRole('group', { name: 'Time range' })).getByRole('button', { name: '6 h' }));
    await vi.waitFor(() => expect(batches()).toHaveLength(2));
    const [, sixHours] = batches();
    expect(Date.parse(sixHours!.searchParams.get('to')!) - Date.parse(sixHours!.searchParams.get('from')!)).toBe(6 * 3_600_000);
    // The old drawing stays until the new window's data arrives: no "Loading…" in its place.
    expect(within(charts).getByRole('figure', { name: 'Connections by state' })).toHaveTextContent('idle: 5');
    expect(within(charts).queryByText('Loading…')).not.toBeInTheDocument();
    releaseNext!();
    await vi.waitFor(() =>
      expect(
        Number(within(charts).getByRole('figure', { name: 'Connections by state' }).dataset.to) -
          Number(within(charts).getByRole('figure', { name: 'Connections by state' }).dataset.from),
      ).toBe(6 * 3_600_000),
    );
    expect(calls.filter((call) => isBatch(call.path))).toHaveLength(2);
  });

  it('marks on the charts when findings were opened and resolved in the window, and lists them with links', async () => {
    const inWindow = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
    const { calls } = stubApi({
      'GET /api/instances/i-1': jsonResponse(200, instance()),
      'GET /api/instances/i-1/status': jsonResponse(200, status()),
      ...metrics({ 'activity.sessions': { idle: [[minuteAgo(50), 5]] } }),
      'GET /api/instances/i-1/findings': jsonResponse(
        200,
        findingPage([
          finding({ id: 'f-new', severity: 'critical', analyzerId: 'blocked-sessions', title: '3 sessions blocked', firstSeenAt: inWindow(20) }),
          finding({
            id: 'f-fixed',
            title: 'Index public.orders_a_idx is not used (12 MB)',
            status: 'resolved',
            firstSeenAt: inWindow(600),
            resolvedAt: inWindow(10),
          }),
          finding({ id: 'f-old', title: 'Table public.audit has no primary key', firstSeenAt: inWindow(600) }),
        ]),
      ),
    });
    renderApp('/instances/i-1', { session: sessionWith(['instances:read', 'monitoring:read', 'findings:read']) });

    const connections = await screen.findByRole('figure', { name: 'Connections by state' });
    const markers = within(connections).getByRole('list', { name: 'markers' });
    await vi.waitFor(() => expect(within(markers).getAllByRole('listitem')).toHaveLength(2));
    expect(markers).toHaveTextContent('solid critical finding opened: 3 sessions blocked');
    expect(markers).toHaveTextContent('dashed warning finding resolved: Index public.orders_a_idx is not used (12 MB)');
    expect(markers).not.toHaveTextContent('no primary key');

    const list = screen.getByRole('region', { name: 'Findings in this range' });
    const links = within(list).getAllByRole('link');
    expect(links.map((link) => link.textContent)).toEqual(['Index public.orders_a_idx is not used (12 MB)', '3 sessions blocked']);
    expect(links[1]).toHaveAttribute('href', '/instances/i-1/findings?status=&analyzer=blocked-sessions#finding-f-new');
    // One findings request for all the charts.
    expect(calls.filter((call) => call.path.startsWith('/api/instances/i-1/findings'))).toHaveLength(1);
  });

  it('neither asks for findings nor marks them for a user who may not read findings', async () => {
    const { calls } = stubApi({
      'GET /api/instances/i-1': jsonResponse(200, instance()),
      'GET /api/instances/i-1/status': jsonResponse(200, status()),
      ...metrics({ 'activity.sessions': { idle: [[minuteAgo(50), 5]] } }),
    });
    renderApp('/instances/i-1', { session: sessionWith(['instances:read', 'monitoring:read']) });

    const connections = await screen.findByRole('figure', { name: 'Connections by state' });
    expect(within(within(connections).getByRole('list', { name: 'markers' })).queryAllByRole('listitem')).toEqual([]);
    expect(screen.queryByRole('region', { name: 'Findings in this range' })).not.toBeInTheDocument();
    expect(calls.filter((call) => call.path.includes('/findings'))).toEqual([]);
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
