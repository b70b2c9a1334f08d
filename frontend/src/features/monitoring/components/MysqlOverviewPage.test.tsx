import { parseSeriesBatchItem } from '@inspector/contracts';
import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { instance } from '@/testing/fixtures';
import { jsonResponse, renderApp, sessionWith, stubApi } from '@/testing/render-app';

// jsdom has no canvas: the chart is replaced by its title and lines, which is what this test is about.
vi.mock('@/components/charts/TimeSeriesChart', () => ({
  TimeSeriesChart: ({ title, series }: { title: string; series: { label: string }[] }) => (
    <figure aria-label={title}>
      {series.map((line) => (
        <p key={line.label}>{line.label}</p>
      ))}
    </figure>
  ),
}));

const minuteAgo = (minutes: number) => Math.floor((Date.now() - minutes * 60_000) / 60_000) * 60_000;

/** Every metric answered from `points`, one series each, buckets of a minute. */
const VALUES: Record<string, number> = {
  'mysql_status.connections': 12,
  'mysql_status.max_connections': 151,
  'mysql_status.threads_running': 3,
  'mysql_instance.uptime_seconds': 7_200,
};
function batch({ url }: { url: URL }) {
  const [from, to] = [url.searchParams.get('from')!, url.searchParams.get('to')!];
  const items = url.searchParams
    .get('metrics')!
    .split(',')
    .map((item) => parseSeriesBatchItem(item)!)
    .map(({ metric }) => ({
      metric,
      from,
      to,
      stepSeconds: 60,
      monitored: [[minuteAgo(5), Date.parse(to)]],
      series: [{ object: '', points: [[minuteAgo(2), VALUES[metric] ?? 1]] }],
    }));
  return jsonResponse(200, { from, to, items });
}

const declare = (id: string, names: string[]) => ({
  id,
  title: id,
  engine: 'mysql',
  tier: 'fast',
  snapshotKind: null,
  metrics: names.map((name) => ({ metric: `${id}.${name}`, kind: 'gauge', unit: 'count', label: name })),
});

const collectorRun = (collectorId: string, title: string) => ({
  collectorId,
  title,
  intervalSeconds: 60,
  retentionDays: 7,
  status: 'ok',
  lastRunAt: new Date().toISOString(),
  durationMs: 4,
  rows: 1,
  error: null,
  consecutiveFailures: 0,
});

describe('MySQL overview', () => {
  it('shows version, uptime, connections of the maximum and threads running, charts only MySQL metrics, and lists only MySQL collectors', async () => {
    const { calls } = stubApi({
      'GET /api/instances/i-1': jsonResponse(200, instance({ engine: 'mysql' })),
      'GET /api/instances/i-1/status': jsonResponse(200, {
        instanceId: 'i-1',
        state: 'up',
        lastError: null,
        failingCollectors: [],
        collectors: [collectorRun('mysql_status', 'MySQL server status'), collectorRun('activity', 'Activity and locks')],
      }),
      'GET /api/collectors/metrics': jsonResponse(200, {
        collectors: [
          declare('mysql_status', ['connections', 'max_connections', 'threads_running']),
          declare('mysql_instance', ['uptime_seconds']),
          { ...declare('activity', ['sessions']), engine: 'postgres' },
        ],
      }),
      'GET /api/instances/i-1/mysql/variables': jsonResponse(200, {
        kind: 'mysql.variables',
        at: new Date().toISOString(),
        total: 2,
        rows: [
          { name: 'version', value: '10.11.6-MariaDB-0+deb12u1' },
          { name: 'version_comment', value: 'Debian 12' },
        ],
      }),
      'GET /api/instances/i-1/metrics/batch': batch,
      'GET /api/instances/i-1/mysql/replicas': jsonResponse(200, {
        kind: 'mysql.replicas',
        at: new Date().toISOString(),
        total: 1,
        rows: [
          {
            channel: '',
            source_host: 'db-primary',
            io_running: 'Yes',
            sql_running: 'No',
            seconds_behind: null,
            last_io_error: null,
            last_sql_error: "Error 'Duplicate entry' on query",
          },
        ],
      }),
    });
    renderApp('/instances/i-1', { session: sessionWith(['instances:read', 'monitoring:read', 'monitoring.settings:read']) });

    const strip = await screen.findByRole('region', { name: 'At a glance' }, { timeout: 10_000 });
    expect(await within(strip).findByText('10.11.6')).toBeInTheDocument();
    expect(within(strip).getByText('MariaDB')).toBeInTheDocument();
    expect(await within(strip).findByText('12 / 151')).toBeInTheDocument();
    expect(within(strip).getByText('8 % of max_connections')).toBeInTheDocument();
    expect(await screen.findByRole('figure', { name: 'Connections' })).toHaveTextContent(/Connected.*max_connections/);
    expect(screen.getByRole('figure', { name: 'Threads running' })).toBeInTheDocument();
    expect(screen.queryByRole('figure', { name: 'Replica lag' })).toBeNull();
    expect(screen.queryByRole('figure', { name: 'Connections by state' })).toBeNull();

    const channel = (await screen.findByRole('rowheader', { name: 'default' })).closest('tr')!;
    expect(channel).toHaveTextContent(/db-primary.*Yes.*No.*Duplicate entry/);

    const collectors = screen.getByRole('region', { name: 'Collectors' });
    expect(within(collectors).getByText('MySQL server status')).toBeInTheDocument();
    expect(within(collectors).queryByText('Activity and locks')).toBeNull();
    // PostgreSQL's summary and its metrics are never asked for.
    expect(calls.some((call) => call.path.startsWith('/api/instances/i-1/summary'))).toBe(false);
    expect(calls.filter((call) => call.path.includes('/metrics/batch')).every((call) => !decodeURIComponent(call.path).includes('activity.'))).toBe(true);
  });
});
