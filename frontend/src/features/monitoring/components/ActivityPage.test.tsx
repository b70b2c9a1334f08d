import { screen, waitFor, within } from '@testing-library/react';
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
  lock_type: null,
  lock_mode: null,
  lock_relation: null,
  lock_wait_seconds: null,
  query: 'SELECT 1',
  ...overrides,
});

const snapshot = (rows: unknown[], ageSeconds = 3) =>
  jsonResponse(200, { kind: 'activity', at: new Date(Date.now() - ageSeconds * 1000).toISOString(), total: rows.length, rows });

describe('ActivityPage', () => {
  it('draws who blocks whom and highlights long-running, idle-in-transaction and blocked sessions', async () => {
    stubApi({
      'GET /api/instances/i-1': jsonResponse(200, instance()),
      'GET /api/instances/i-1/activity': snapshot([
        row(100, { state: 'idle in transaction', state_seconds: 420, xact_seconds: 425, query: 'UPDATE stock SET n = n - 1' }),
        row(101, {
          wait_event_type: 'Lock',
          wait_event: 'transactionid',
          blocking_pids: [100],
          lock_type: 'transactionid',
          lock_mode: 'ShareLock',
          lock_relation: 'public.stock',
          lock_wait_seconds: 65,
          query: 'UPDATE stock SET n = 0',
        }),
        row(102, {
          wait_event_type: 'Lock',
          wait_event: 'relation',
          blocking_pids: [101],
          lock_type: 'relation',
          lock_mode: 'AccessExclusiveLock',
          lock_relation: 'public.stock',
          query: 'ALTER TABLE stock ADD c int',
        }),
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
    expect(line(101)).toHaveTextContent('ShareLock on transactionid, a row of public.stock');
    expect(line(101)).toHaveTextContent('waiting 1m 5s');
    expect(line(102)).toHaveTextContent('AccessExclusiveLock on public.stock');
    expect(line(103)).not.toHaveTextContent('waiting');
    expect(within(tree).getByText(/waits for ShareLock on transactionid, a row of public.stock for 1m 5s/)).toBeInTheDocument();
    expect(line(103)).toHaveClass('row-warn');
    expect(line(103)).toHaveTextContent('long-running 1m 30s');
    expect(screen.queryByRole('rowheader', { name: '104' })).not.toBeInTheDocument();

    await userEvent.click(screen.getByLabelText('Include background processes'));
    expect(screen.getByRole('rowheader', { name: '104' })).toBeInTheDocument();
  });

  it('copies the SQL that cancels or terminates a session, for the user to run', async () => {
    stubApi({ 'GET /api/instances/i-1': jsonResponse(200, instance()), 'GET /api/instances/i-1/activity': snapshot([row(4242)]) });
    const user = userEvent.setup();
    renderApp('/instances/i-1/activity', { session: sessionWith(['instances:read', 'monitoring.activity:read']) });

    const line = (await screen.findByRole('rowheader', { name: '4242' })).closest('tr')!;
    await user.click(within(line).getByRole('button', { name: 'Copy cancel SQL' }));
    expect(await navigator.clipboard.readText()).toBe('SELECT pg_cancel_backend(4242);');
    expect(within(line).getByRole('button', { name: 'Copied' })).toBeInTheDocument();
    await user.click(within(line).getByRole('button', { name: 'Copy terminate SQL' }));
    expect(await navigator.clipboard.readText()).toBe('SELECT pg_terminate_backend(4242);');
  });

  it('warns when the sessions are older than the configured activity interval allows', async () => {
    const status = (intervalSeconds: number) =>
      jsonResponse(200, {
        instanceId: 'i-1',
        state: 'up',
        lastError: null,
        failingCollectors: [],
        collectors: [
          {
            collectorId: 'activity',
            title: 'Activity and locks',
            intervalSeconds,
            retentionDays: 7,
            status: 'ok',
            lastRunAt: null,
            durationMs: null,
            rows: null,
            error: null,
            consecutiveFailures: 0,
          },
        ],
      });
    const { calls } = stubApi({
      'GET /api/instances/i-1': jsonResponse(200, instance()),
      'GET /api/instances/i-1/status': status(60),
      'GET /api/instances/i-1/activity': snapshot([row(1)], 180),
    });
    const reader = sessionWith(['instances:read', 'monitoring:read']);
    const { unmount } = renderApp('/instances/i-1/activity', { session: reader });
    await screen.findByRole('rowheader', { name: '1' });
    await waitFor(() => expect(calls.some((call) => call.path === '/api/instances/i-1/status')).toBe(true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    // 3 minutes old: too old for the default 15 s interval, within 2.5 × 60 s + 1 minute.
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    unmount();

    stubApi({
      'GET /api/instances/i-1': jsonResponse(200, instance()),
      'GET /api/instances/i-1/status': status(60),
      'GET /api/instances/i-1/activity': snapshot([row(1)], 600),
    });
    renderApp('/instances/i-1/activity', { session: reader });
    expect(await screen.findByRole('alert')).toHaveTextContent('older than the activity collector allows (it runs every 1m 0s)');
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
