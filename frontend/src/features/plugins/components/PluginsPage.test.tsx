import type { Plugin } from '@inspector/contracts';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { jsonResponse, renderApp, sessionWith, stubApi } from '@/testing/render-app';

const HASH = 'f'.repeat(64);
const plugin = (overrides: Partial<Plugin> = {}): Plugin => ({
  name: 'idle-transactions',
  folder: '/opt/inspector/plugins/idle-transactions',
  status: 'pending',
  problem: null,
  version: '1.0.0',
  description: 'Sessions idle in a transaction',
  manifestHash: HASH,
  engine: 'postgres',
  provides: { collectors: ['idle_transactions'], analyzers: [], notifiers: [], tools: ['idle_transactions_now'] },
  queries: [{ name: 'idle_in_transaction', description: 'Idle sessions', sql: "SELECT count(*) FROM pg_stat_activity WHERE state = 'idle in transaction'" }],
  settings: [{ name: 'threshold_seconds', description: 'Longest idle time', required: false, default: '300', type: 'number', value: null }],
  secrets: [],
  approvedBy: null,
  approvedAt: null,
  ...overrides,
});

describe('PluginsPage', () => {
  it('shows each plugin with its status and the exact SQL it would run, and approves the reviewed manifest', async () => {
    const { calls } = stubApi({
      'GET /api/plugins': jsonResponse(200, {
        items: [
          plugin(),
          plugin({
            name: 'broken',
            status: 'invalid',
            problem: 'plugin.json is not valid JSON',
            version: null,
            manifestHash: null,
            engine: null,
            queries: [],
            settings: [],
          }),
        ],
      }),
      'POST /api/plugins/idle-transactions/approve': jsonResponse(200, plugin({ status: 'approved' })),
    });
    renderApp('/admin/plugins', { session: sessionWith(['plugins:write']) });

    const card = await screen.findByRole('region', { name: /idle-transactions/ });
    expect(within(card).getByText('Pending approval')).toBeInTheDocument();
    expect(within(card).getByLabelText('SQL of idle_in_transaction')).toHaveTextContent("WHERE state = 'idle in transaction'");
    expect(within(card).getByText('collector idle_transactions, tool idle_transactions_now')).toBeInTheDocument();
    expect(within(card).getByText('PostgreSQL instances')).toBeInTheDocument();
    expect(within(card).getByRole('spinbutton', { name: 'threshold_seconds' })).toHaveAttribute('placeholder', '300');
    const broken = screen.getByRole('region', { name: /broken/ });
    expect(within(broken).getByText('plugin.json is not valid JSON')).toBeInTheDocument();
    expect(within(broken).queryByRole('button')).not.toBeInTheDocument();

    await userEvent.click(within(card).getByRole('button', { name: 'Approve idle-transactions' }));
    expect(calls.find((call) => call.method === 'POST')).toMatchObject({ path: '/api/plugins/idle-transactions/approve', body: { manifestHash: HASH } });
  });

  it('offers no approval to a user who may only read plugins', async () => {
    stubApi({ 'GET /api/plugins': jsonResponse(200, { items: [plugin({ status: 'failed', problem: 'did not answer within 10000 ms and was stopped' })] }) });
    renderApp('/admin/plugins', { session: sessionWith(['plugins:read']) });

    const card = await screen.findByRole('region', { name: /idle-transactions/ });
    expect(within(card).getByText('Failed')).toBeInTheDocument();
    expect(within(card).getByText('did not answer within 10000 ms and was stopped')).toBeInTheDocument();
    expect(within(card).queryByRole('button', { name: /Approve|Restart|Disable/ })).not.toBeInTheDocument();
  });
});
