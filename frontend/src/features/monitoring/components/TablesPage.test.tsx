import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { instance } from '@/testing/fixtures';
import { jsonResponse, renderApp, sessionWith, stubApi } from '@/testing/render-app';

const table = (name: string, overrides: Record<string, unknown> = {}) => ({
  schema_name: 'public',
  table_name: name,
  seq_scan: '12',
  idx_scan: '3400',
  n_live_tup: '1000',
  n_dead_tup: '10',
  n_mod_since_analyze: '0',
  last_vacuum: null,
  last_autovacuum: new Date(Date.now() - 2 * 3_600_000).toISOString(),
  last_analyze: null,
  last_autoanalyze: null,
  table_size_bytes: '1048576',
  indexes_size_bytes: '0',
  total_size_bytes: '1048576',
  autovacuum_enabled: true,
  ...overrides,
});

const finding = (analyzerId: string, objects: Record<string, string>) => ({
  id: analyzerId,
  fingerprint: analyzerId,
  analyzerId,
  category: 'indexes',
  severity: 'warning',
  instanceId: 'i-1',
  instanceName: 'orders-db',
  objects,
  title: `${analyzerId} finding`,
  evidence: {},
  recommendation: '',
  status: 'open',
  snoozedUntil: null,
  statusChangedBy: null,
  statusChangedAt: null,
  firstSeenAt: '2025-01-10T09:00:00.000Z',
  lastSeenAt: '2025-01-10T09:00:00.000Z',
  resolvedAt: null,
});

describe('TablesPage', () => {
  it('shows sizes, dead rows, scans and maintenance, with marks from open findings, sorted by the server', async () => {
    const { calls } = stubApi({
      'GET /api/instances/i-1': jsonResponse(200, instance()),
      'GET /api/instances/i-1/tables': jsonResponse(200, {
        kind: 'tables',
        at: new Date().toISOString(),
        total: 2,
        rows: [table('orders', { n_dead_tup: '500' }), table('events', { autovacuum_enabled: false, last_autovacuum: null })],
      }),
      'GET /api/instances/i-1/findings': jsonResponse(200, {
        items: [finding('no-primary-key', { schema: 'public', table: 'events' })],
        total: 1,
        limit: 500,
        offset: 0,
      }),
    });
    const { router } = renderApp('/instances/i-1/tables', { session: sessionWith(['instances:read', 'monitoring.tables:read', 'findings:read']) });

    const orders = (await screen.findByRole('rowheader', { name: /orders/ })).closest('tr')!;
    expect(orders).toHaveTextContent(/1\.00 MiB\s*1K\s*50033 %/);
    expect(orders).toHaveTextContent('2 hours ago (auto)');
    const events = screen.getByRole('rowheader', { name: /events/ });
    expect(events).toHaveTextContent(/autovacuum off/);
    expect(await screen.findByText('no primary key')).toHaveAttribute('title', 'no-primary-key finding');
    expect(calls.find((call) => call.path.startsWith('/api/instances/i-1/findings'))?.path).toContain('status=open%2Cacknowledged%2Csnoozed');

    await userEvent.click(screen.getByRole('button', { name: 'Dead rows' }));
    expect(router.state.location.search).toBe('?sort=n_dead_tup');
    await userEvent.click(screen.getByRole('button', { name: /Dead rows/ }));
    expect(router.state.location.search).toBe('?sort=n_dead_tup&order=asc');
    expect(screen.getByRole('columnheader', { name: /Dead rows/ })).toHaveAttribute('aria-sort', 'ascending');
    expect(calls.at(-1)?.path).toBe('/api/instances/i-1/tables?sort=n_dead_tup&order=asc&limit=50&offset=0');
  });

  it('marks unused and duplicate indexes', async () => {
    stubApi({
      'GET /api/instances/i-1': jsonResponse(200, instance()),
      'GET /api/instances/i-1/indexes': jsonResponse(200, {
        kind: 'indexes',
        at: new Date().toISOString(),
        total: 2,
        rows: [
          {
            schema_name: 'public',
            table_name: 'orders',
            index_name: 'orders_a_idx',
            idx_scan: '0',
            size_bytes: '8192',
            is_unique: false,
            is_primary: false,
            is_valid: true,
            definition: 'CREATE INDEX orders_a_idx ON public.orders (a)',
          },
          {
            schema_name: 'public',
            table_name: 'orders',
            index_name: 'orders_pkey',
            idx_scan: '10',
            size_bytes: '8192',
            is_unique: true,
            is_primary: true,
            is_valid: true,
            definition: 'CREATE UNIQUE INDEX orders_pkey ON public.orders (id)',
          },
        ],
      }),
      'GET /api/instances/i-1/findings': jsonResponse(200, {
        items: [
          finding('unused-index', { schema: 'public', table: 'orders', index: 'orders_a_idx' }),
          finding('duplicate-index', { schema: 'public', table: 'orders', indexes: 'orders_a_idx, orders_b_idx' }),
        ],
        total: 2,
        limit: 500,
        offset: 0,
      }),
    });
    renderApp('/instances/i-1/tables?view=indexes', { session: sessionWith(['instances:read', 'monitoring.tables:read', 'findings:read']) });

    const unused = (await screen.findByRole('rowheader', { name: /orders_a_idx/ })).closest('tr')!;
    expect(await screen.findByText('unused')).toBeInTheDocument();
    expect(unused).toHaveTextContent(/unused\s*duplicate/);
    expect(screen.getByRole('rowheader', { name: /orders_pkey/ }).closest('tr')).toHaveTextContent('primary key');
  });

  it('says when the tables list holds only the largest part of the catalog', async () => {
    stubApi({
      'GET /api/instances/i-1': jsonResponse(200, instance()),
      'GET /api/instances/i-1/tables': jsonResponse(200, {
        kind: 'tables',
        at: new Date().toISOString(),
        total: 10_000,
        rows: [table('orders')],
        partial: { kept: 10_000, total: 12_345 },
      }),
      'GET /api/instances/i-1/findings': jsonResponse(200, { items: [], total: 0, limit: 500, offset: 0 }),
    });
    renderApp('/instances/i-1/tables', { session: sessionWith(['instances:read', 'monitoring.tables:read', 'findings:read']) });

    const notice = (await screen.findByText('Showing the 10,000 largest of 12,345 tables')).closest('[role="status"]');
    expect(notice).toHaveTextContent('the other 2,345 are not collected, so search and sorting do not find them');
    expect(screen.getByRole('rowheader', { name: /orders/ })).toBeInTheDocument();
  });

  it('says nothing about coverage when every index was kept', async () => {
    stubApi({
      'GET /api/instances/i-1': jsonResponse(200, instance()),
      'GET /api/instances/i-1/indexes': jsonResponse(200, {
        kind: 'indexes',
        at: new Date().toISOString(),
        total: 1,
        rows: [
          {
            schema_name: 'public',
            table_name: 'orders',
            index_name: 'orders_pkey',
            idx_scan: '10',
            size_bytes: '8192',
            is_unique: true,
            is_primary: true,
            is_valid: true,
            definition: 'CREATE UNIQUE INDEX orders_pkey ON public.orders (id)',
          },
        ],
        partial: null,
      }),
      'GET /api/instances/i-1/findings': jsonResponse(200, { items: [], total: 0, limit: 500, offset: 0 }),
    });
    renderApp('/instances/i-1/tables?view=indexes', { session: sessionWith(['instances:read', 'monitoring.tables:read', 'findings:read']) });

    await screen.findByRole('rowheader', { name: /orders_pkey/ });
    expect(screen.queryByText(/Showing the .* largest of/)).not.toBeInTheDocument();
  });
});
