import type { TopStatement } from '@inspector/contracts';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { instance } from '@/testing/fixtures';
import { fill, jsonResponse, renderApp, sessionWith, stubApi } from '@/testing/render-app';

const statement = (overrides: Partial<TopStatement> = {}): TopStatement => ({
  key: '5:10:-42',
  queryid: '-42',
  database: 'shop',
  user: null,
  query: 'SELECT * FROM orders WHERE id = $1',
  calls: 1200,
  totalTimeMs: 3_400,
  meanTimeMs: 2.83,
  rows: 1200,
  sharedBlksHit: 990,
  sharedBlksRead: 10,
  tempBlksWritten: 0,
  change: { callsDelta: 400, meanTimeDeltaMs: 0.5 },
  ...overrides,
});

const top = (items: TopStatement[]) =>
  jsonResponse(200, { from: '2025-01-10T09:00:00.000Z', to: '2025-01-10T10:00:00.000Z', previousFrom: '2025-01-10T08:00:00.000Z', total: items.length, items });

describe('QueriesPage', () => {
  it('lists the top statements of the range with a link to each, sortable by the server', async () => {
    const { calls } = stubApi({
      'GET /api/instances/i-1': jsonResponse(200, instance()),
      'GET /api/instances/i-1/statements/top': top([statement()]),
    });
    const { router } = renderApp('/instances/i-1/queries', { session: sessionWith(['instances:read', 'monitoring.queries:read']) });

    const link = await screen.findByRole('link', { name: 'SELECT * FROM orders WHERE id = $1' });
    expect(link).toHaveAttribute('href', '/instances/i-1/queries/5%3A10%3A-42');
    const line = link.closest('tr')!;
    expect(line).toHaveTextContent(/1,200\s*3\.4 s\s*2\.83 ms\s*\+400 calls · mean \+0\.5 ms/);
    expect(line).toHaveTextContent('99.0 %');
    // The instance's own request runs beside the page's, so the latest statements request is looked up, not the latest call.
    const search = () => new URL(calls.filter((call) => call.path.includes('/statements/top')).at(-1)!.path, 'http://x').searchParams;
    expect(search().get('sort')).toBe('totalTimeMs');
    expect(Date.parse(search().get('to')!) - Date.parse(search().get('from')!)).toBe(3_600_000);

    await userEvent.click(screen.getByRole('button', { name: 'Calls' }));
    expect(screen.getByRole('columnheader', { name: /Calls/ })).toHaveAttribute('aria-sort', 'descending');
    expect(router.state.location.search).toBe('?sort=calls');
    expect(search().get('sort')).toBe('calls');

    await fill(screen.getByLabelText('Search'), 'orders');
    await screen.findByRole('link', { name: /SELECT/ });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(search().get('q')).toBe('orders');
  });

  it('says why there are no statements when the collector is unavailable', async () => {
    stubApi({
      'GET /api/instances/i-1': jsonResponse(200, instance()),
      'GET /api/instances/i-1/statements/top': top([]),
      'GET /api/instances/i-1/status': jsonResponse(200, {
        instanceId: 'i-1',
        state: 'up',
        lastError: null,
        failingCollectors: [],
        collectors: [
          {
            collectorId: 'statements',
            title: 'Statements',
            intervalSeconds: 60,
            retentionDays: 14,
            status: 'unavailable',
            lastRunAt: null,
            durationMs: null,
            rows: null,
            error: 'pg_stat_statements is not in shared_preload_libraries',
            consecutiveFailures: 0,
          },
        ],
      }),
    });
    renderApp('/instances/i-1/queries', { session: sessionWith(['instances:read', 'monitoring:read']) });

    expect(await screen.findByText('No statements ran in this range')).toBeInTheDocument();
    const alert = await screen.findByText('The statements collector is unavailable');
    expect(alert.closest('.alert')).toHaveTextContent('pg_stat_statements is not in shared_preload_libraries');
    expect(within(screen.getByRole('navigation', { name: 'Instance sections' })).getByRole('link', { name: 'Queries' })).toHaveAttribute(
      'aria-current',
      'page',
    );
  });
});
