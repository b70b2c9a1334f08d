import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { instance } from '@/testing/fixtures';
import { jsonResponse, renderApp, sessionWith, stubApi } from '@/testing/render-app';

vi.mock('@/components/charts/TimeSeriesChart', () => ({
  TimeSeriesChart: ({
    title,
    series,
    format,
  }: {
    title: string;
    series: { label: string; values: (number | null)[] }[];
    format: (value: number) => string;
  }) => (
    <figure aria-label={title}>
      {series.map((line) => (
        <p key={line.label}>
          {line.label}:{' '}
          {line.values
            .filter((value) => value !== null)
            .map(format)
            .join(' ')}
        </p>
      ))}
    </figure>
  ),
}));

const KEY = '5:10:-42';
const minuteAgo = (minutes: number) => Math.floor((Date.now() - minutes * 60_000) / 60_000) * 60_000;

describe('StatementPage', () => {
  it('shows the normalized text, the totals of the range and the history of that one statement', async () => {
    const { calls } = stubApi({
      'GET /api/instances/i-1': jsonResponse(200, instance()),
      'GET /api/instances/i-1/statements': jsonResponse(200, {
        kind: 'statements',
        at: new Date().toISOString(),
        total: 2,
        rows: [
          // Same query id in another database: not this statement.
          { queryid: '-42', dbid: 6, userid: 10, calls: '1', mean_exec_time_ms: 1, query: 'SELECT other' },
          { queryid: '-42', dbid: 5, userid: 10, calls: '900', mean_exec_time_ms: 2, query: 'SELECT * FROM orders WHERE id = $1' },
        ],
      }),
      'GET /api/instances/i-1/statements/top': jsonResponse(200, {
        from: '',
        to: '',
        previousFrom: '',
        total: 1,
        items: [
          {
            key: KEY,
            queryid: '-42',
            database: 'shop',
            user: null,
            query: null,
            calls: 600,
            totalTimeMs: 1_200,
            meanTimeMs: 2,
            rows: 600,
            sharedBlksHit: 10,
            sharedBlksRead: 0,
            tempBlksWritten: 0,
            change: null,
          },
        ],
      }),
      'GET /api/instances/i-1/metrics': ({ url }) => {
        const metric = url.searchParams.get('metric');
        const value = metric === 'statements.calls' ? 10 : metric === 'statements.total_exec_time_ms' ? 25 : 1;
        // Collected since a minute ago, up to now.
        const monitored = [[minuteAgo(1), Date.now()]];
        return jsonResponse(200, { metric, from: '', to: '', stepSeconds: 60, monitored, series: [{ object: KEY, points: [[minuteAgo(1), value]] }] });
      },
    });
    renderApp(`/instances/i-1/queries/${encodeURIComponent(KEY)}?range=6h`, { session: sessionWith(['instances:read', 'monitoring:read']) });

    const text = await screen.findByRole('region', { name: 'Query -42' });
    expect(await within(text).findByText('SELECT * FROM orders WHERE id = $1')).toBeInTheDocument();
    expect(await within(text).findByText('Calls in range')).toBeInTheDocument();
    expect(text).toHaveTextContent(/Databaseshop.*Total time1\.2 s.*Mean time2 ms/);
    expect(await screen.findByRole('figure', { name: 'Mean time per call' })).toHaveTextContent('Mean time: 2.5 ms');
    expect(screen.getByRole('figure', { name: 'Calls per second' })).toHaveTextContent('Calls: 10/s');
    expect(screen.getByRole('link', { name: '← All queries' })).toHaveAttribute('href', '/instances/i-1/queries?range=6h');
    const metricCalls = calls.filter((call) => call.path.startsWith('/api/instances/i-1/metrics'));
    expect(metricCalls.every((call) => new URL(call.path, 'http://x').searchParams.get('object') === KEY)).toBe(true);
  });
});
