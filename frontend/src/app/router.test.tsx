import type { Health } from '@inspector/contracts';
import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { instance } from '@/testing/fixtures';
import { adminSession, jsonResponse, renderApp, sessionWith, stubApi } from '@/testing/render-app';

const healthy: Health = {
  status: 'ok',
  version: '1.4.0',
  uptimeSeconds: 10,
  storage: { status: 'up', dialect: 'sqlite', latencyMs: 0.3 },
};

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

  it('lists the health checks on the overview with a link to the details', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => jsonResponse(200, healthy)),
    );
    renderApp('/', { session: adminSession() });

    const checks = within(screen.getByRole('region', { name: 'Checks' }));
    const [api, storage] = await checks.findAllByRole('listitem');
    expect(api).toHaveTextContent(/OK\s*API\s*version 1\.4\.0/);
    expect(storage).toHaveTextContent(/Up\s*Storage\s*SQLite, < 1 ms/);
    expect(screen.getByRole('link', { name: 'Health details' })).toHaveAttribute('href', '/health');
  });

  it('opens /admin on the first admin page the user may read, and names every admin permission to one who has none', async () => {
    stubApi({});
    const { router, unmount } = renderApp('/admin', { session: sessionWith(['audit:read']) });
    await vi.waitFor(() => expect(router.state.location.pathname).toBe('/admin/audit'));
    unmount();

    renderApp('/admin', { session: sessionWith(['instances:read']) });
    expect(await screen.findByRole('heading', { level: 1 })).toHaveTextContent('You do not have permission (requires users:read, roles:read or audit:read)');
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
});
