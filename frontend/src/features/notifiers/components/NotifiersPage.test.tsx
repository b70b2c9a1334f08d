import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { fill, jsonResponse, renderApp, sessionWith, stubApi } from '@/testing/render-app';

const channel = {
  id: 'c-1',
  name: 'Team hook',
  enabled: true,
  timeoutSeconds: 10,
  throttle: { maxMessages: 10, intervalMinutes: 60 },
  target: { type: 'webhook', url: 'https://hooks.example.com/x', secret: { source: 'env', set: true, env: 'HOOK_KEY' } },
  createdAt: '2025-01-10T09:00:00.000Z',
  updatedAt: '2025-01-10T09:00:00.000Z',
};

const delivery = {
  id: 'd-1',
  channelId: 'c-1',
  channelName: 'Team hook',
  kind: 'findings',
  status: 'retrying',
  attempts: 2,
  lastError: 'connect ECONNREFUSED',
  nextAttemptAt: new Date(Date.now() + 5 * 60_000 + 30_000).toISOString(),
  createdAt: new Date(Date.now() - 120_000).toISOString(),
  sentAt: null,
  summary: '1 finding opened on orders-db',
  events: 1,
};

describe('NotifiersPage', () => {
  it('lists channels (secrets described, never shown), rules and the delivery log, and sends a test', async () => {
    stubApi({
      'GET /api/notifiers/channels': jsonResponse(200, { items: [channel] }),
      'GET /api/notifiers/rules': jsonResponse(200, {
        items: [
          {
            id: 'r-1',
            name: 'Critical',
            channelId: 'c-1',
            enabled: true,
            minSeverity: 'critical',
            instanceIds: [],
            tags: ['production'],
            analyzerIds: [],
            events: ['opened'],
            createdAt: '',
            updatedAt: '',
          },
        ],
      }),
      'GET /api/notifiers/deliveries': jsonResponse(200, { items: [delivery], total: 1, limit: 25, offset: 0 }),
      'POST /api/notifiers/channels/c-1/test': jsonResponse(200, { ok: false, error: 'HTTP 500 from the webhook', deliveryId: 'd-2' }),
    });
    renderApp('/notifiers', { session: sessionWith(['notifiers:write']) });

    const row = (await screen.findByRole('rowheader', { name: 'Team hook' })).closest('tr')!;
    expect(row).toHaveTextContent(/https:\/\/hooks\.example\.com\/x\s*signing secret:\s*Set\s*environment variable HOOK_KEY/);
    expect(await screen.findByRole('rowheader', { name: 'Critical' })).toBeInTheDocument();
    expect(screen.getByRole('rowheader', { name: 'Critical' }).closest('tr')).toHaveTextContent(/Team hook\s*critical or worse\s*tags production/);
    const log = screen.getByRole('region', { name: 'Delivery log' });
    expect(await within(log).findByRole('cell', { name: /retrying/ })).toBeInTheDocument();
    expect(log).toHaveTextContent(/next in 5 minutes/);
    expect(log).toHaveTextContent('connect ECONNREFUSED');

    await userEvent.click(within(row).getByRole('button', { name: 'Send test' }));
    expect(await within(row).findByRole('status')).toHaveTextContent('Test failed: HTTP 500 from the webhook');
  });

  it('deletes a channel only after the confirmation, and keeps the dialog open with the API’s refusal', async () => {
    let refuse = true;
    const { calls } = stubApi({
      'GET /api/notifiers/channels': jsonResponse(200, { items: [channel] }),
      'GET /api/notifiers/rules': jsonResponse(200, { items: [] }),
      'GET /api/notifiers/deliveries': jsonResponse(200, { items: [], total: 0, limit: 25, offset: 0 }),
      'DELETE /api/notifiers/channels/c-1': () =>
        refuse
          ? jsonResponse(409, { statusCode: 409, error: 'Conflict', message: 'Channel is busy sending', requestId: 'r' })
          : new Response(null, { status: 204 }),
    });
    renderApp('/notifiers', { session: sessionWith(['notifiers:write']) });

    const row = (await screen.findByRole('rowheader', { name: 'Team hook' })).closest('tr')!;
    await userEvent.click(within(row).getByRole('button', { name: 'Delete' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete Team hook?' });
    expect(dialog).toHaveTextContent('Its rules and its delivery log are deleted with it.');
    expect(calls.filter((call) => call.method === 'DELETE')).toEqual([]);

    await userEvent.click(within(dialog).getByRole('button', { name: 'Delete channel' }));
    expect(await within(dialog).findByText('Channel is busy sending')).toBeInTheDocument();
    refuse = false;
    await userEvent.click(within(dialog).getByRole('button', { name: 'Delete channel' }));
    await vi.waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(calls.filter((call) => call.method === 'DELETE')).toHaveLength(2);
  });

  it('creates a webhook channel with its signing secret in memory only', async () => {
    const { calls } = stubApi({
      'POST /api/notifiers/channels': jsonResponse(201, channel),
      'GET /api/notifiers/channels': jsonResponse(200, { items: [channel] }),
      'GET /api/notifiers/rules': jsonResponse(200, { items: [] }),
      'GET /api/notifiers/deliveries': jsonResponse(200, { items: [], total: 0, limit: 25, offset: 0 }),
    });
    const { router } = renderApp('/notifiers/channels/new', { session: sessionWith(['notifiers:write']) });

    await fill(await screen.findByLabelText('Name'), 'Team hook');
    await fill(screen.getByLabelText('URL'), 'https://hooks.example.com/x');
    await userEvent.click(screen.getByRole('radio', { name: 'Memory only' }));
    const secret = screen.getByLabelText('Signing secret');
    expect(secret).toHaveAttribute('type', 'password');
    await fill(secret, 'hmac-key');
    await userEvent.click(screen.getByRole('button', { name: 'Add channel' }));

    await screen.findByRole('heading', { level: 1, name: 'Notifiers' });
    expect(router.state.location.pathname).toBe('/notifiers');
    expect(calls.find((call) => call.method === 'POST')?.body).toEqual({
      name: 'Team hook',
      enabled: true,
      timeoutSeconds: 10,
      throttle: { maxMessages: 10, intervalMinutes: 60 },
      target: { type: 'webhook', url: 'https://hooks.example.com/x', secret: { value: 'hmac-key', source: 'memory' } },
    });
  });

  it('shows the contract’s objections on the fields before sending', async () => {
    const { calls } = stubApi({});
    renderApp('/notifiers/channels/new', { session: sessionWith(['notifiers:write']) });

    await fill(await screen.findByLabelText('Name'), 'x');
    await fill(screen.getByLabelText('URL'), 'https://user:pw@hooks.example.com/');
    await userEvent.click(screen.getByRole('button', { name: 'Add channel' }));
    expect(screen.getByLabelText('URL')).toHaveAccessibleDescription(/Must not contain a user name or password/);
    expect(screen.getByLabelText('Signing secret')).toHaveAccessibleDescription(/Enter the signing secret/);
    expect(calls).toEqual([]);
  });

  it('creates a channel of a type the SPA has no code for, from its definition alone (Microsoft Teams)', async () => {
    const teams = { ...channel, id: 'c-2', name: 'Teams', target: { type: 'teams', url: { source: 'stored', set: true } } };
    const { calls } = stubApi({
      'POST /api/notifiers/channels': jsonResponse(201, teams),
      'GET /api/notifiers/channels': jsonResponse(200, { items: [teams] }),
      'GET /api/notifiers/rules': jsonResponse(200, { items: [] }),
      'GET /api/notifiers/deliveries': jsonResponse(200, { items: [], total: 0, limit: 25, offset: 0 }),
    });
    renderApp('/notifiers/channels/new', { session: sessionWith(['notifiers:write']) });

    await fill(await screen.findByLabelText('Name'), 'Teams');
    await userEvent.selectOptions(screen.getByLabelText('Type'), 'Microsoft Teams');
    expect(screen.getByLabelText('Type')).toHaveAccessibleDescription(/Adaptive Card in a Teams channel/);
    expect(screen.queryByLabelText('URL')).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Add channel' }));
    expect(screen.getByLabelText('Teams webhook URL')).toHaveAccessibleDescription(/Enter the Teams webhook URL/);
    await fill(screen.getByLabelText('Teams webhook URL'), 'https://example.logic.azure.com/workflows/abc');
    await userEvent.click(screen.getByRole('button', { name: 'Add channel' }));

    const row = (await screen.findByRole('rowheader', { name: 'Teams' })).closest('tr')!;
    expect(row).toHaveTextContent(/Teams webhook URL:\s*Set\s*stored/);
    expect(calls.find((call) => call.method === 'POST')?.body).toMatchObject({
      name: 'Teams',
      target: { type: 'teams', url: { value: 'https://example.logic.azure.com/workflows/abc', source: 'stored' } },
    });
  });

  it('offers the approved plugins and the notifiers of the plugin named to a user who may read plugins', async () => {
    const plugin = (name: string, status: string, notifiers: string[]) => ({
      name,
      folder: `/opt/plugins/${name}`,
      status,
      problem: null,
      version: '1.0.0',
      description: '',
      manifestHash: null,
      engine: 'postgres',
      provides: { collectors: [], analyzers: [], notifiers, tools: [] },
      queries: [],
      settings: [],
      secrets: [],
      approvedBy: null,
      approvedAt: null,
    });
    stubApi({
      'GET /api/plugins': jsonResponse(200, {
        items: [
          plugin('idle-transactions', 'approved', ['log_file', 'pager']),
          plugin('disk-alerts', 'approved', ['sms']),
          plugin('draft', 'pending', ['mail']),
        ],
      }),
    });
    renderApp('/notifiers/channels/new', { session: sessionWith(['notifiers:write', 'plugins:read']) });
    await userEvent.selectOptions(await screen.findByLabelText('Type'), 'Plugin');
    const offered = (label: string) =>
      [...document.querySelectorAll(`datalist#${CSS.escape(screen.getByLabelText(label).getAttribute('list') ?? '')} option`)].map((option) =>
        option.getAttribute('value'),
      );
    await vi.waitFor(() => expect(offered('Plugin')).toEqual(['idle-transactions', 'disk-alerts']));
    expect(offered('Notifier')).toEqual(['log_file', 'pager', 'sms']);
    await fill(screen.getByLabelText('Plugin'), 'idle-transactions');
    expect(offered('Notifier')).toEqual(['log_file', 'pager']);
  });

  it('leaves the plugin fields free text, asking nothing, for a user who may not read plugins', async () => {
    const { calls } = stubApi({});
    renderApp('/notifiers/channels/new', { session: sessionWith(['notifiers:write']) });
    await userEvent.selectOptions(await screen.findByLabelText('Type'), 'Plugin');
    expect(screen.getByLabelText('Plugin')).not.toHaveAttribute('list');
    expect(calls.map((call) => call.path)).not.toContain('/api/plugins');
  });
});
