import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { instance } from '@/testing/fixtures';
import { jsonResponse, renderApp, sessionWith, stubApi } from '@/testing/render-app';

const session = (id: number, overrides: Record<string, unknown> = {}) => ({
  id,
  user: 'app',
  host: '10.0.0.5:51234',
  db: 'shop',
  command: 'Query',
  state: 'updating',
  time_seconds: 2,
  info: `UPDATE stock SET n = n - 1 WHERE id = ${id}`,
  trx_id: String(9000 + id),
  trx_started: '2026-01-10T09:00:00.000Z',
  trx_seconds: 2,
  trx_rows_locked: 1,
  waiting_for_lock: false,
  blocking_ids: [],
  lock_table: null,
  lock_mode: null,
  wait_seconds: null,
  ...overrides,
});

const snapshot = (rows: unknown[]) => jsonResponse(200, { kind: 'mysql.activity', at: new Date(Date.now() - 3_000).toISOString(), total: rows.length, rows });
const mysql = instance({ engine: 'mysql' });
const reader = sessionWith(['instances:read', 'monitoring.activity:read']);

describe('MySQL activity', () => {
  it('shows who waits for whose lock, on which table and in which mode, and who sits idle in a transaction', async () => {
    const { calls } = stubApi({
      'GET /api/instances/i-1': jsonResponse(200, mysql),
      'GET /api/instances/i-1/mysql/activity': snapshot([
        session(7, { command: 'Sleep', state: null, info: null, time_seconds: 420, trx_seconds: 425 }),
        session(8, { waiting_for_lock: true, blocking_ids: [7], lock_table: '`shop`.`stock`', lock_mode: 'X,REC_NOT_GAP', wait_seconds: 65 }),
        session(9, { command: 'Daemon', user: 'system user', trx_id: null, trx_seconds: null, info: null }),
      ]),
    });
    renderApp('/instances/i-1/activity', { session: reader });

    // The first render loads the page's code: more than the default second on a busy machine.
    expect(await screen.findByRole('list', { name: 'Sessions summary' }, { timeout: 10_000 })).toHaveTextContent(
      /2 client sessions.*1 running a command.*1 idle in transaction.*1 waiting for a lock/,
    );
    expect(screen.getByRole('alert')).toHaveTextContent('Session 7 holds locks others wait for.');
    const line = (id: number) => screen.getByRole('rowheader', { name: String(id) }).closest('tr')!;
    expect(line(8)).toHaveClass('row-danger');
    expect(line(8)).toHaveTextContent('waiting for lock');
    expect(line(8)).toHaveTextContent('X,REC_NOT_GAP on `shop`.`stock`');
    expect(line(8)).toHaveTextContent('held by 7');
    expect(line(8)).toHaveTextContent('waiting 1m 5s');
    expect(line(7)).toHaveClass('row-warn');
    expect(line(7)).toHaveTextContent('idle in transaction');
    expect(screen.queryByRole('rowheader', { name: '9' })).not.toBeInTheDocument();
    await userEvent.click(screen.getByLabelText('Include server threads'));
    expect(screen.getByRole('rowheader', { name: '9' })).toBeInTheDocument();
    // The PostgreSQL route is never asked for a MySQL instance.
    expect(calls.some((call) => call.path === '/api/instances/i-1/activity')).toBe(false);
  });

  it('copies KILL QUERY and KILL for the user to run; Inspector runs neither', async () => {
    const { calls } = stubApi({ 'GET /api/instances/i-1': jsonResponse(200, mysql), 'GET /api/instances/i-1/mysql/activity': snapshot([session(4242)]) });
    const user = userEvent.setup();
    renderApp('/instances/i-1/activity', { session: reader });

    const line = (await screen.findByRole('rowheader', { name: '4242' })).closest('tr')!;
    await user.click(within(line).getByRole('button', { name: 'Copy KILL QUERY' }));
    expect(await navigator.clipboard.readText()).toBe('KILL QUERY 4242;');
    await user.click(within(line).getByRole('button', { name: 'Copy KILL' }));
    expect(await navigator.clipboard.readText()).toBe('KILL 4242;');
    expect(calls.filter((call) => call.method !== 'GET')).toEqual([]);
  });

  it('says when activity has not been collected yet', async () => {
    stubApi({
      'GET /api/instances/i-1': jsonResponse(200, mysql),
      'GET /api/instances/i-1/mysql/activity': jsonResponse(200, { kind: 'mysql.activity', at: null, total: 0, rows: [] }),
    });
    renderApp('/instances/i-1/activity', { session: reader });
    expect(await screen.findByText('Activity has not been collected yet')).toBeInTheDocument();
  });
});
