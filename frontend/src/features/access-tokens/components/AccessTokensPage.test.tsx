import type { AccessToken } from '@inspector/contracts';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { apiError, instance } from '@/testing/fixtures';
import { fill, jsonResponse, noContentResponse, renderApp, sessionWith, stubApi } from '@/testing/render-app';

const alice = sessionWith(['instances:read', 'monitoring:read']);
const SECRET = 'ins_pat_abcdEFGHijklMNOPqrstUVWXyz0123456789-_ABCDE';

const token = (overrides: Partial<AccessToken> = {}): AccessToken => ({
  id: 't-1',
  name: 'nightly export',
  prefix: 'ins_pat_abcd',
  permissions: null,
  instanceIds: null,
  createdAt: '2026-12-01T10:00:00.000Z',
  expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
  lastUsedAt: null,
  ...overrides,
});

describe('AccessTokensPage', () => {
  it('lists tokens with their narrowing, never asking for more than the list', async () => {
    stubApi({
      'GET /api/auth/tokens': jsonResponse(200, {
        items: [token(), token({ id: 't-2', name: 'grafana', permissions: ['monitoring:read'], instanceIds: ['i-1'], lastUsedAt: new Date().toISOString() })],
      }),
      'GET /api/instances': jsonResponse(200, { items: [instance({ id: 'i-1', name: 'shop-primary' })], total: 1 }),
    });
    renderApp('/account/tokens', { session: alice });

    const row = (await screen.findByRole('rowheader', { name: 'grafana' })).closest('tr')!;
    expect(within(row).getByText('monitoring:read')).toBeInTheDocument();
    expect(await within(row).findByText('shop-primary')).toBeInTheDocument();
    expect(within(row).getByText('ins_pat_abcd…')).toBeInTheDocument();
    const first = screen.getByRole('rowheader', { name: 'nightly export' }).closest('tr')!;
    expect(within(first).getAllByText('All of yours')).toHaveLength(2);
    expect(within(first).getByText('Never')).toBeInTheDocument();
  });

  it('creates a narrowed token and shows it once with a warning and a copy button', async () => {
    const { calls } = stubApi({
      'GET /api/auth/tokens': jsonResponse(200, { items: [] }),
      'GET /api/instances': jsonResponse(200, { items: [instance({ id: 'i-1', name: 'shop-primary' })], total: 1 }),
      'POST /api/auth/tokens': jsonResponse(201, { ...token({ permissions: ['monitoring:read'], instanceIds: ['i-1'] }), token: SECRET }),
    });
    renderApp('/account/tokens', { session: alice });

    await fill(await screen.findByLabelText('Name'), 'nightly export');
    await userEvent.clear(screen.getByLabelText('Expires after (days)'));
    await fill(screen.getByLabelText('Expires after (days)'), '7');
    await userEvent.click(screen.getByRole('checkbox', { name: 'monitoring:read' }));
    await userEvent.click(await screen.findByRole('checkbox', { name: 'shop-primary' }));
    await userEvent.click(screen.getByRole('button', { name: 'Create token' }));

    expect(await screen.findByLabelText('Your new token')).toHaveValue(SECRET);
    expect(screen.getByRole('alert')).toHaveTextContent('it will not be shown again');
    expect(screen.getByRole('button', { name: 'Copy token' })).toBeInTheDocument();
    expect(calls.find((call) => call.method === 'POST')?.body).toEqual({
      name: 'nightly export',
      expiresInDays: 7,
      permissions: ['monitoring:read'],
      instanceIds: ['i-1'],
    });

    await userEvent.click(screen.getByRole('button', { name: 'Done' }));
    expect(screen.queryByDisplayValue(SECRET)).not.toBeInTheDocument();
  });

  it('shows the API refusal of a permission beyond the user next to the permissions', async () => {
    stubApi({
      'GET /api/auth/tokens': jsonResponse(200, { items: [] }),
      'GET /api/instances': jsonResponse(200, { items: [], total: 0 }),
      'POST /api/auth/tokens': jsonResponse(
        400,
        apiError(400, 'A token cannot hold permissions you do not hold: monitoring:read', [
          { path: 'permissions', message: 'you do not hold monitoring:read' },
        ]),
      ),
    });
    renderApp('/account/tokens', { session: alice });

    await fill(await screen.findByLabelText('Name'), 'ci');
    await userEvent.click(screen.getByRole('button', { name: 'Create token' }));

    expect(await screen.findByText('You do not hold monitoring:read')).toBeInTheDocument();
  });

  it('revokes a token after confirmation', async () => {
    let items = [token()];
    const { calls } = stubApi({
      'GET /api/auth/tokens': () => jsonResponse(200, { items }),
      'GET /api/instances': jsonResponse(200, { items: [], total: 0 }),
      'DELETE /api/auth/tokens/t-1': () => {
        items = [];
        return noContentResponse();
      },
    });
    renderApp('/account/tokens', { session: alice });

    await userEvent.click(await screen.findByRole('button', { name: 'Revoke nightly export' }));
    const dialog = screen.getByRole('dialog', { name: 'Revoke the token nightly export?' });
    expect(calls.some((call) => call.method === 'DELETE')).toBe(false);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Revoke token' }));

    expect(await screen.findByText('No access tokens')).toBeInTheDocument();
    expect(calls.filter((call) => call.method === 'DELETE')).toHaveLength(1);
  });

  it('tells the emergency account it cannot create tokens', async () => {
    stubApi({ 'GET /api/auth/tokens': jsonResponse(200, { items: [] }), 'GET /api/instances': jsonResponse(200, { items: [], total: 0 }) });
    renderApp('/account/tokens', { session: sessionWith(['config:write'], { emergency: true }) });

    expect(await screen.findByText(/emergency account cannot create access tokens/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Create token' })).not.toBeInTheDocument();
  });
});
