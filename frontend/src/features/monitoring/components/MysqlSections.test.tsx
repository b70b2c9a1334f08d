import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { instance } from '@/testing/fixtures';
import { jsonResponse, renderApp, sessionWith, stubApi } from '@/testing/render-app';

const mysql = instance({ engine: 'mysql' });
const page = (kind: string, rows: unknown[]) => jsonResponse(200, { kind: `mysql.${kind}`, at: new Date().toISOString(), total: rows.length, rows });

describe('MySQL queries, tables and settings', () => {
  it('lists statement digests by total time, and sorts by calls on request', async () => {
    const digest = (id: string, calls: number, total: number) => ({
      digest: id,
      schema_name: 'shop',
      digest_text: `SELECT * FROM orders WHERE id = ? /* ${id} */`,
      calls,
      total_ms: total,
      mean_ms: total / calls,
      max_ms: total,
      rows_examined: calls * 10,
      rows_sent: calls,
      first_seen: null,
      last_seen: null,
    });
    const { calls } = stubApi({
      'GET /api/instances/i-1': jsonResponse(200, mysql),
      'GET /api/instances/i-1/mysql/statements': page('statements', [digest('aa', 10, 5_000), digest('bb', 900, 90)]),
    });
    renderApp('/instances/i-1/queries', { session: sessionWith(['instances:read', 'monitoring.queries:read']) });

    const table = await screen.findByRole('table', { name: 'Statement digests' }, { timeout: 10_000 });
    expect(
      within(table)
        .getAllByRole('rowheader')
        .map((cell) => cell.textContent),
    ).toEqual([expect.stringContaining('/* aa */'), expect.stringContaining('/* bb */')]);
    const asked = () =>
      calls
        .map((call) => new URL(call.path, 'http://x'))
        .filter((url) => url.pathname === '/api/instances/i-1/mysql/statements')
        .map((url) => url.searchParams.get('sort'));
    expect(asked()).toEqual(['total_ms']);
    await userEvent.click(within(table).getByRole('button', { name: /Calls/ }));
    expect(asked().at(-1)).toBe('calls');
  });

  it('lists tables with sizes and a missing primary key, and indexes with the rows read through each', async () => {
    stubApi({
      'GET /api/instances/i-1': jsonResponse(200, mysql),
      'GET /api/instances/i-1/mysql/tables': page('tables', [
        { schema: 'shop', table: 'orders', engine: 'InnoDB', rows_estimate: 120_000, data_bytes: 16_777_216, index_bytes: 4_194_304, has_primary_key: true },
        { schema: 'shop', table: 'events', engine: 'InnoDB', rows_estimate: 10, data_bytes: 16_384, index_bytes: 0, has_primary_key: false },
      ]),
      'GET /api/instances/i-1/mysql/indexes': page('indexes', [
        { schema: 'shop', table: 'orders', index: 'orders_customer', columns: ['customer_id', 'created_at'], unique: false, primary: false, rows_read: 0 },
      ]),
    });
    renderApp('/instances/i-1/tables', { session: sessionWith(['instances:read', 'monitoring.tables:read']) });

    const orders = (await screen.findByRole('rowheader', { name: 'shop.orders' }, { timeout: 10_000 })).closest('tr')!;
    expect(orders).toHaveTextContent('16.0 MiB');
    expect(screen.getByRole('rowheader', { name: /shop\.events/ })).toHaveTextContent('no primary key');
    await userEvent.click(within(screen.getByRole('group', { name: 'Show' })).getByRole('button', { name: 'Indexes' }));
    const index = (await screen.findByRole('rowheader', { name: /orders_customer/ })).closest('tr')!;
    expect(index).toHaveTextContent('customer_id, created_at');
  });

  it('shows the server variables on the details page, without PostgreSQL’s change history', async () => {
    const { calls } = stubApi({
      'GET /api/instances/i-1': jsonResponse(200, mysql),
      'GET /api/instances/i-1/access': jsonResponse(200, { instanceId: 'i-1', entries: [] }),
      'GET /api/instances/i-1/mysql/variables': page('variables', [{ name: 'max_connections', value: '151' }]),
    });
    renderApp('/instances/i-1/settings', { session: sessionWith(['instances:read', 'monitoring.settings:read']) });

    expect(await screen.findByRole('heading', { name: 'Server variables' })).toBeInTheDocument();
    expect((await screen.findByRole('rowheader', { name: 'max_connections' })).closest('tr')).toHaveTextContent('151');
    expect(calls.some((call) => call.path.endsWith('/settings') || call.path.endsWith('/setting-changes'))).toBe(false);
  });
});
