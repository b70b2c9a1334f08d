import type { Health } from '@inspector/contracts';
import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { adminSession, jsonResponse, renderApp } from '@/testing/render-app';

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
});
