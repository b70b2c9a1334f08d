import type { FleetInstance, Health } from '@inspector/contracts';
import { screen, within } from '@testing-library/react';
import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it, vi } from 'vitest';
import { instance } from '@/testing/fixtures';
import { configureApiAuth } from '@/lib/api-client';
import { meQueryOptions } from '@/lib/auth';
import { readToken } from '@/lib/session-token';
import { startEarlyPageRequests } from './early-page-requests';
import { createAppRouter } from './router';
import { adminSession, jsonResponse, renderApp, sessionWith, stubApi } from '@/testing/render-app';

const healthy: Health = {
  status: 'ok',
  version: '1.4.0',
  uptimeSeconds: 10,
  storage: { status: 'up', dialect: 'sqlite', latencyMs: 0.3 },
  backups: { status: 'off', lastSuccessAt: null, lastFailureAt: null },
};

/**
 * A signed-in browser at `pathname` whose API answers `answers` by path (404 otherwise), recording every path asked,
 * with the API client reading the stored token as the app does; `undo` restores the client.
 */
function signedInWithApi(pathname: string, answers: Record<string, () => Response>) {
  const asked: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      const path = new URL(url, 'http://app.test').pathname;
      asked.push(path);
      return answers[path]?.() ?? jsonResponse(404, { message: 'not here' });
    }),
  );
  localStorage.setItem('inspector.accessToken', 'a-token');
  const undo = configureApiAuth({ getAccessToken: readToken });
  window.history.pushState({}, '', pathname);
  return { asked, undo };
}

describe('app routes', () => {
  it('shows a not-found page inside the layout for an unknown path', async () => {
    renderApp('/no/such/page', { session: adminSession() });

    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeInTheDocument();
    expect(screen.getByText('/no/such/page')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Go to the overview' })).toHaveAttribute('href', '/');
    expect(screen.getByRole('navigation', { name: 'Main' })).toBeInTheDocument();
  });

  it('marks the current page in the navigation', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => jsonResponse(200, healthy)),
    );
    renderApp('/health', { session: adminSession() });

    const nav = await screen.findByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Health' })).toHaveAttribute('aria-current', 'page');
    expect(within(nav).getByRole('link', { name: 'Overview' })).not.toHaveAttribute('aria-current');
  });

  it('opens on the fleet board, worst first with status words, and a badge for Inspector’s own health', async () => {
    const line = (name: string, state: FleetInstance['state'], extra: Partial<FleetInstance> = {}): FleetInstance => ({
      instanceId: name,
      name,
      tags: ['prod'],
      state,
      lastCollectedAt: null,
      lastError: null,
      findings: { critical: 0, warning: 0, info: 0 },
      connections: null,
      transactionsPerSecond: null,
      longestTransactionSeconds: null,
      replicationLagSeconds: null,
      xidAge: null,
      ...extra,
    });
    stubApi({
      'GET /api/health': jsonResponse(200, healthy),
      'GET /api/fleet': jsonResponse(200, {
        generatedAt: new Date().toISOString(),
        items: [
          line('billing-primary', 'down', { lastError: 'connection refused' }),
          line('orders-primary', 'up', {
            lastCollectedAt: new Date().toISOString(),
            findings: { critical: 0, warning: 2, info: 1 },
            connections: { used: 85, max: 100 },
            transactionsPerSecond: 17.2,
          }),
        ],
      }),
    });
    renderApp('/', { session: adminSession() });

    const board = within(await screen.findByRole('table', { name: 'Instances, most urgent first' }));
    const rows = board.getAllByRole('row').slice(1);
    expect(rows.map((row) => row.textContent)).toEqual([
      expect.stringMatching(/^Down.*collected never.*connection refused.*billing-primary/),
      expect.stringMatching(/^Up.*collected just now.*orders-primary.*2 warning.*1 info.*85 \/ 100 \(85 %\).*17\.2\/s/),
    ]);
    expect(board.getByRole('link', { name: 'orders-primary' })).toHaveAttribute('href', '/instances/orders-primary');
    expect(await screen.findByRole('link', { name: /Inspector\s*OK/ })).toHaveAttribute('href', '/health');
  });

  it('opens /admin on the first admin page the user may read, and names every admin permission to one who has none', async () => {
    stubApi({});
    const { router, unmount } = renderApp('/admin', { session: sessionWith(['audit:read']) });
    await vi.waitFor(() => expect(router.state.location.pathname).toBe('/admin/audit'));
    unmount();

    renderApp('/admin', { session: sessionWith(['instances:read']) });
    expect(await screen.findByRole('heading', { level: 1 })).toHaveTextContent(
      'You do not have permission (requires users:read, roles:read, audit:read, assistant:write or plugins:read)',
    );
  });

  it('opens the settings page on either sub-area alone, and names config:read to a user with neither', async () => {
    // The retention forms' loads are not answered: this is about which parts the page offers.
    stubApi({});
    const { unmount } = renderApp('/settings', { session: sessionWith(['config.retention:read']) });
    expect(await screen.findByRole('heading', { level: 1, name: 'Settings' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 2, name: 'Retention' })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { level: 2, name: 'Collection' })).not.toBeInTheDocument();
    unmount();

    renderApp('/settings', { session: sessionWith(['instances:read']) });
    expect(await screen.findByRole('heading', { level: 1 })).toHaveTextContent('You do not have permission (requires config:read)');
  });

  it('opens an instance on its details, with only the tabs the user may open, when there is nothing to chart', async () => {
    stubApi({ 'GET /api/instances/i-1': jsonResponse(200, instance({ id: 'i-1', name: 'orders-db' })) });
    const { router } = renderApp('/instances/i-1', { session: sessionWith(['instances:read', 'findings:read']) });

    await vi.waitFor(() => expect(router.state.location.pathname).toBe('/instances/i-1/settings'));
    const tabs = within(await screen.findByRole('navigation', { name: 'Instance sections' }));
    expect(tabs.getAllByRole('link').map((link) => link.textContent)).toEqual(['Findings', 'Settings']);
  });

  it('asks for an instance page’s data while the app boots when someone is signed in, and for nothing otherwise', async () => {
    const asked: URL[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) => {
        const asking = new URL(url, 'http://app.test');
        asked.push(asking);
        if (asking.pathname === '/api/instances/i-1') return jsonResponse(200, instance({ id: 'i-1', name: 'orders-db' }));
        return jsonResponse(404, { message: 'not here' });
      }),
    );
    window.history.pushState({}, '', '/instances/i-1?range=24h&database=shop');
    createAppRouter(new QueryClient());
    expect(asked).toEqual([]);

    localStorage.setItem('inspector.accessToken', 'a-token');
    createAppRouter(new QueryClient());
    // The charts' request waits for the instance: only a PostgreSQL instance's overview charts these metrics.
    await vi.waitFor(() => expect(asked).toHaveLength(5));
    expect(asked.map((url) => url.pathname).sort()).toEqual([
      '/api/collectors/metrics',
      '/api/instances/i-1',
      '/api/instances/i-1/metrics/batch',
      '/api/instances/i-1/status',
      '/api/instances/i-1/summary',
    ]);
    // The window and the database the URL names, as the page will ask for them.
    const batch = asked.find((url) => url.pathname.endsWith('/metrics/batch'))!;
    const windowMs = Date.parse(batch.searchParams.get('to')!) - Date.parse(batch.searchParams.get('from')!);
    expect(windowMs).toBe(24 * 3_600_000);
    expect(batch.searchParams.get('metrics')).toContain('databases.xact_commit:shop');
  });

  it('asks for the home board’s rows and Inspector’s health at boot, and takes them instead of asking again', async () => {
    const { asked, undo } = signedInWithApi('/', {
      '/api/health': () => jsonResponse(200, healthy),
      '/api/fleet': () => jsonResponse(200, { generatedAt: new Date().toISOString(), items: [] }),
    });

    startEarlyPageRequests(window.location.pathname);
    expect(asked).toEqual(['/api/auth/me', '/api/fleet', '/api/health']);
    const client = new QueryClient();
    createAppRouter(client);

    await vi.waitFor(() => expect(client.getQueryData(['fleet'])).toEqual(expect.objectContaining({ items: [] })));
    expect(client.getQueryData(['health'])).toEqual(healthy);
    expect(asked).toHaveLength(3);
    undo();
  });

  it('takes the requests the boot script started on an instance overview instead of asking them again', async () => {
    const { asked, undo } = signedInWithApi('/instances/i-1', {
      '/api/instances/i-1': () => jsonResponse(200, instance({ id: 'i-1', name: 'orders-db' })),
    });

    startEarlyPageRequests(window.location.pathname);
    expect(asked).toEqual(['/api/auth/me', '/api/instances/i-1', '/api/instances/i-1/status', '/api/collectors/metrics']);
    const client = new QueryClient();
    void client.prefetchQuery(meQueryOptions(true));
    createAppRouter(client);

    // What depends on the engine is asked by the app, once the instance is known to be PostgreSQL's.
    await vi.waitFor(() => expect(asked).toHaveLength(6));
    expect(asked.slice(4).sort()).toEqual(['/api/instances/i-1/metrics/batch', '/api/instances/i-1/summary']);
    undo();
  });
});
