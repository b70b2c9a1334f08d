import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { instance } from '@/testing/fixtures';
import { fill, jsonResponse, renderApp, sessionWith, stubApi } from '@/testing/render-app';

const items = [
  instance({ id: 'a', name: 'billing', tags: ['production'], connection: { source: 'env', set: true, env: 'PG_BILLING' } }),
  instance({ id: 'b', name: 'analytics', tags: ['staging'], connection: { source: 'memory', set: false } }),
  instance({ id: 'c', name: 'Orders', tags: [], connection: { source: 'stored', set: false, error: 'cannot decrypt: key retired' } }),
];

const names = () =>
  within(screen.getByRole('table'))
    .getAllByRole('rowheader')
    .map((cell) => cell.textContent);

describe('InstancesPage', () => {
  it('lists instances by name with where each connection lives and whether it is usable', async () => {
    stubApi({ 'GET /api/instances': jsonResponse(200, { items }) });
    renderApp('/instances', { session: sessionWith(['instances:read']) });

    await screen.findByRole('table');
    expect(names()).toEqual(['analytics', 'billing', 'Orders']);
    const row = (name: string) => screen.getByRole('link', { name }).closest('tr')!;
    expect(row('billing')).toHaveTextContent(/Set\s*Environment variable PG_BILLING/);
    expect(row('analytics')).toHaveTextContent(/Not set\s*Memory only\s*lost at the last restart/);
    expect(row('Orders')).toHaveTextContent(/Error\s*Stored\s*cannot decrypt: key retired/);
    expect(screen.queryByRole('link', { name: 'Add instance' })).not.toBeInTheDocument();
  });

  it('shows each instance’s collection state and when it was last collected to a user who may monitor', async () => {
    const state = (instanceId: string, extra: object) => ({
      instanceId,
      name: instanceId,
      tags: [],
      lastError: null,
      findings: null,
      connections: null,
      transactionsPerSecond: null,
      longestTransactionSeconds: null,
      replicationLagSeconds: null,
      xidAge: null,
      ...extra,
    });
    stubApi({
      'GET /api/instances': jsonResponse(200, { items }),
      'GET /api/fleet': jsonResponse(200, {
        generatedAt: new Date().toISOString(),
        items: [
          state('a', { state: 'down', lastCollectedAt: new Date(Date.now() - 3 * 60_000).toISOString() }),
          state('b', { state: 'up', lastCollectedAt: new Date().toISOString() }),
        ],
      }),
    });
    renderApp('/instances', { session: sessionWith(['instances:read', 'monitoring:read']) });

    const row = async (name: string) => (await screen.findByRole('link', { name })).closest('tr')!;
    expect(await screen.findByRole('columnheader', { name: 'Status' })).toBeInTheDocument();
    await vi.waitFor(async () => expect(await row('billing')).toHaveTextContent(/Down\s*collected 3 minutes ago/));
    expect(await row('analytics')).toHaveTextContent(/Up\s*collected just now/);
    expect(await row('Orders')).toHaveTextContent(/PostgreSQL/);
  });

  it('leaves the status column out for a user who may not monitor', async () => {
    stubApi({ 'GET /api/instances': jsonResponse(200, { items }) });
    renderApp('/instances', { session: sessionWith(['instances:read']) });
    await screen.findByRole('table');
    expect(screen.queryByRole('columnheader', { name: 'Status' })).not.toBeInTheDocument();
  });

  it('sorts by name both ways and filters by text and tag', async () => {
    stubApi({ 'GET /api/instances': jsonResponse(200, { items }) });
    renderApp('/instances', { session: sessionWith(['instances:write']) });
    await screen.findByRole('table');

    await userEvent.click(screen.getByRole('button', { name: /^Name/ }));
    expect(names()).toEqual(['Orders', 'billing', 'analytics']);
    expect(screen.getByRole('columnheader', { name: /Name/ })).toHaveAttribute('aria-sort', 'descending');

    await fill(screen.getByLabelText('Filter'), 'stag');
    expect(names()).toEqual(['analytics']);

    await userEvent.clear(screen.getByLabelText('Filter'));
    await userEvent.selectOptions(screen.getByLabelText('Tag'), 'production');
    expect(names()).toEqual(['billing']);
  });

  it('invites a writer to add the first instance', async () => {
    stubApi({ 'GET /api/instances': jsonResponse(200, { items: [] }) });
    renderApp('/instances', { session: sessionWith(['instances:write']) });

    expect(await screen.findByText('No instances yet')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Add your first instance' })).toHaveAttribute('href', '/instances/new');
  });

  it('tells a reader who can add instances', async () => {
    stubApi({ 'GET /api/instances': jsonResponse(200, { items: [] }) });
    renderApp('/instances', { session: sessionWith(['instances:read']) });

    expect(await screen.findByText('No instances yet')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: /Add/ })).not.toBeInTheDocument();
    expect(screen.getByText(/instances:write permission can add one/)).toBeInTheDocument();
  });

  it('deletes an instance after confirmation', async () => {
    let deleted = false;
    const { calls } = stubApi({
      'GET /api/instances/a': jsonResponse(200, items[0]),
      'GET /api/instances/a/access': jsonResponse(200, { instanceId: 'a', entries: [], emergencyAccount: false }),
      'DELETE /api/instances/a': () => {
        deleted = true;
        return new Response(null, { status: 204 });
      },
      'GET /api/instances': () => jsonResponse(200, { items: deleted ? items.slice(1) : items }),
    });
    const { router } = renderApp('/instances/a', { session: sessionWith(['instances:write', 'users:read']) });

    await userEvent.click(await screen.findByRole('button', { name: 'Delete' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete billing?' });
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Delete instance' }));

    await screen.findByRole('heading', { level: 1, name: 'Instances' });
    expect(router.state.location.pathname).toBe('/instances');
    expect(calls.some((call) => call.method === 'DELETE' && call.path === '/api/instances/a')).toBe(true);
    expect(await screen.findByRole('link', { name: 'analytics' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'billing' })).not.toBeInTheDocument();
  });

  it('shows the access review on the detail page to users:read holders', async () => {
    stubApi({
      'GET /api/instances/a': jsonResponse(200, items[0]),
      'GET /api/instances/a/access': jsonResponse(200, {
        instanceId: 'a',
        entries: [{ userId: 'u-2', username: 'bob', disabled: true, roleId: 'r', roleName: 'Viewer', via: 'tag', permissions: ['instances:read'] }],
        emergencyAccount: true,
      }),
    });
    renderApp('/instances/a', { session: sessionWith(['instances:read', 'users:read']) });

    const review = await screen.findByRole('region', { name: 'Access review' });
    expect(await within(review).findByRole('cell', { name: 'Viewer' })).toBeInTheDocument();
    expect(review).toHaveTextContent(/bob\s*Disabled/);
    expect(review).toHaveTextContent('A tag on it');
    expect(review).toHaveTextContent(/emergency account/);
  });
});
