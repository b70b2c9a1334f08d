import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { instance } from '@/testing/fixtures';
import { jsonResponse, renderApp, sessionWith, stubApi } from '@/testing/render-app';

const row = (pid: number, overrides: Record<string, unknown> = {}) => ({
  pid,
  usename: 'app',
  datname: 'shop',
  application_name: 'api',
  client_addr: '10.0.0.5',
  state: 'active',
  wait_event_type: null,
  wait_event: null,
  backend_type: 'client backend',
  backend_start: '2025-01-10T09:00:00.000Z',
  xact_start: '2025-01-10T09:00:00.000Z',
  query_start: '2025-01-10T09:00:00.000Z',
  state_change: '2025-01-10T09:00:00.000Z',
  xact_seconds: 2,
  query_seconds: 2,
  state_seconds: 2,
  backend_xid_age: null,
  backend_xmin_age: null,
  blocking_pids: [],
  query: 'SELECT 1',
  ...overrides,
});

const snapshot = (rows: unknown[]) => jsonResponse(200, { kind: 'activity', at: new Date(Date.now() - 3_000).toISOString(), total: rows.length, rows });

describe('ActivityPage', () => {
  it('draws who blocks whom and highlights long-running, idle-in-transaction and blocked sessions', async () => {
    stubApi({
      'GET /api/instances/i-1': jsonResponse(200, instance()),
      'GET /api/instances/i-1/activity': snapshot([
        row(100, { state: 'idle in transaction', state_seconds: 420, xact_seconds: 425, query: 'UPDATE stock SET n = n - 1' }),
        row(101, { wait_event_type: 'Lock', wait_event: 'transactionid', blocking_pids: [100], query: 'UPDATE stock SET n = 0' }),
        row(102, { wait_event_type: 'Lock', wait_event: 'relation', blocking_pids: [101], query: 'ALTER TABLE stock ADD c int' }),
        row(103, { query_seconds: 90, query: 'SELECT pg_sleep(90)' }),
        row(104, { backend_type: 'autovacuum launcher', state: null, usename: null, datname: null, query: null }),
      ]),
    });
    renderApp('/instances/i-1/activity', { session: sessionWith(['instances:read', 'monitoring.activity:read']) });

    const tree = await screen.findByRole('list', { name: 'Blocking chains' });
    const root = within(tree).getAllByRole('listitem')[0]!;
    expect(root).toHaveTextContent(/^pid 100\s*blocks 2/);
    expect(within(root).getByText('pid 101').closest('li')).toHaveTextContent(/pid 102/);

    expect(screen.getByRole('list', { name: 'Sessions summary' })).toHaveTextContent(
      /4 client sessions.*3 active.*1 idle in transaction.*2 waiting for a lock.*2 blocked/,
    );
    const line = (pid: number) => screen.getByRole('rowheader', { name: String(pid) }).closest('tr')!;
    expect(line(100)).toHaveClass('row-danger');
    expect(line(100)).toHaveTextContent('idle 7m 0s');
    expect(line(101)).toHaveTextContent('blocked by 100');
    expect(line(103)).toHaveClass('row-warn');
    expect(line(103)).toHaveTextContent('long-running 1m 30s');
    expect(screen.queryByRole('rowheader', { name: '104' })).not.toBeInTheDocument();

    await userEvent.click(screen.getByLabelText('Include background processes'));
    expect(screen.getByRole('rowheader', { name: '104' })).toBeInTheDocument();
  });

  it('pauses and resumes the refresh', async () => {
    stubApi({ 'GET /api/instances/i-1': jsonResponse(200, instance()), 'GET /api/instances/i-1/activity': snapshot([row(1)]) });
    renderApp('/instances/i-1/activity', { session: sessionWith(['instances:read', 'monitoring.activity:read']) });

    const pause = await screen.findByRole('button', { name: 'Pause auto-refresh' });
    expect(pause).toHaveAttribute('aria-pressed', 'false');
    expect(screen.getByText('Refreshing every 5 s.')).toBeInTheDocument();
    await userEvent.click(pause);
    expect(screen.getByRole('button', { name: 'Resume auto-refresh' })).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByText('Paused.')).toBeInTheDocument();
  });

  it('says when activity has not been collected yet', async () => {
    stubApi({
      'GET /api/instances/i-1': jsonResponse(200, instance()),
      'GET /api/instances/i-1/activity': jsonResponse(200, { kind: 'activity', at: null, total: 0, rows: [] }),
    });
    renderApp('/instances/i-1/activity', { session: sessionWith(['instances:read', 'monitoring.activity:read']) });
    expect(await screen.findByText('Activity has not been collected yet')).toBeInTheDocument();
  });
});
