import type { Plugin } from '@inspector/contracts';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { apiError } from '@/testing/fixtures';
import { jsonResponse, renderApp, sessionWith, stubApi } from '@/testing/render-app';

const plugin = (overrides: Partial<Plugin> = {}): Plugin => ({
  name: 'idle-transactions',
  folder: '/opt/inspector/plugins/idle-transactions',
  status: 'approved',
  problem: null,
  version: '1.0.0',
  description: 'Sessions idle in a transaction',
  manifestHash: 'f'.repeat(64),
  engine: 'postgres',
  provides: { collectors: [], analyzers: [], notifiers: [], tools: [] },
  queries: [],
  settings: [
    { name: 'threshold_seconds', description: 'Longest idle time.', required: false, default: '300', type: 'number', value: null },
    { name: 'notify', description: 'Send notifications.', required: false, default: 'false', type: 'boolean', value: null },
  ],
  secrets: [{ name: 'api_token', description: 'Token for the ticket system.', required: true, default: null, secret: { source: 'stored', set: true } }],
  approvedBy: 'admin',
  approvedAt: '2026-12-01T10:00:00.000Z',
  ...overrides,
});

describe('PluginSettingsForm', () => {
  it('saves typed settings and a new secret, keeping a secret left empty, and says the plugin restarted', async () => {
    const { calls } = stubApi({
      'GET /api/plugins': jsonResponse(200, { items: [plugin()] }),
      'PUT /api/plugins/idle-transactions/settings': jsonResponse(200, plugin()),
    });
    renderApp('/admin/plugins', { session: sessionWith(['plugins:read', 'plugins:write']) });

    const form = await screen.findByRole('form', { name: 'Settings' });
    expect(within(form).getByText('Set')).toBeInTheDocument();
    expect(within(form).getByLabelText('api_token')).toHaveAttribute('type', 'password');
    await userEvent.type(within(form).getByRole('spinbutton', { name: 'threshold_seconds' }), '60');
    await userEvent.selectOptions(within(form).getByRole('combobox', { name: 'notify' }), 'true');
    await userEvent.click(within(form).getByRole('button', { name: 'Save settings of idle-transactions' }));

    expect(await within(form).findByRole('status')).toHaveTextContent('The plugin restarted with these values.');
    expect(calls.find((call) => call.method === 'PUT')?.body).toEqual({ settings: { threshold_seconds: 60, notify: true }, secrets: {} });

    await userEvent.type(within(form).getByLabelText('api_token'), 'tok-123');
    await userEvent.click(within(form).getByRole('button', { name: 'Save settings of idle-transactions' }));
    expect(calls.filter((call) => call.method === 'PUT').at(-1)?.body).toMatchObject({ secrets: { api_token: { value: 'tok-123', source: 'stored' } } });
  });

  it('shows the server’s refusal next to the field it names', async () => {
    stubApi({
      'GET /api/plugins': jsonResponse(200, { items: [plugin({ settings: [{ ...plugin().settings[0]!, type: 'text' }] })] }),
      'PUT /api/plugins/idle-transactions/settings': jsonResponse(
        400,
        apiError(400, 'Validation failed', [{ path: 'settings.threshold_seconds', message: 'must be a number' }]),
      ),
    });
    renderApp('/admin/plugins', { session: sessionWith(['plugins:read', 'plugins:write']) });

    const form = await screen.findByRole('form', { name: 'Settings' });
    await userEvent.type(within(form).getByRole('textbox', { name: 'threshold_seconds' }), 'ten');
    await userEvent.click(within(form).getByRole('button', { name: 'Save settings of idle-transactions' }));
    expect(await within(form).findByText('must be a number')).toBeInTheDocument();
    expect(within(form).getByRole('textbox', { name: 'threshold_seconds' })).toHaveAttribute('aria-invalid', 'true');
  });

  it('shows the values but lets nobody without plugins:write change them', async () => {
    stubApi({ 'GET /api/plugins': jsonResponse(200, { items: [plugin()] }) });
    renderApp('/admin/plugins', { session: sessionWith(['plugins:read']) });

    const form = await screen.findByRole('form', { name: 'Settings' });
    expect(within(form).getByText('Changing these needs the plugins:write permission.')).toBeInTheDocument();
    expect(within(form).getByRole('spinbutton', { name: 'threshold_seconds' })).toBeDisabled();
    expect(within(form).getByRole('button', { name: 'Save settings of idle-transactions' })).toBeDisabled();
  });
});
