import request from 'supertest';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import type { CollectorRun } from '../src/collectors';
import type { MysqlSessionRow, MysqlTableRow } from '../src/collectors/mysql/rows';
import { InstanceEntity } from '../src/instances/instance.entity';
import { MetricsStore } from '../src/metrics/metrics.store';
import { startTestApp, type TestApp } from './app-harness';
import { createRole, createUser, setupAdmin } from './auth-helpers';
import { describeEachStorage } from './storage-targets';

/** A MySQL collector run storing one snapshot, as the collector would. */
function snapshotRun(collectorId: string, kind: string, rows: Array<Record<string, unknown>>): CollectorRun {
  return { collectorId, startedAt: new Date(), durationMs: 3, status: 'ok', output: { metrics: [], snapshot: { kind, rows } } };
}

function session(id: number, change: Partial<MysqlSessionRow> = {}): MysqlSessionRow & Record<string, unknown> {
  return {
    id,
    user: 'app',
    host: '10.0.0.5:51234',
    db: 'shop',
    command: 'Query',
    state: 'updating',
    time_seconds: id,
    info: `UPDATE orders SET total = total WHERE id = ${id}`,
    trx_id: String(1000 + id),
    trx_started: '2026-12-03T10:00:00.000Z',
    trx_seconds: id,
    trx_rows_locked: 1,
    waiting_for_lock: false,
    blocking_ids: [],
    lock_table: null,
    lock_mode: null,
    wait_seconds: null,
    ...change,
  };
}

function table(name: string, rows: number): MysqlTableRow & Record<string, unknown> {
  return { schema: 'shop', table: name, engine: 'InnoDB', rows_estimate: rows, data_bytes: rows * 100, index_bytes: rows * 10, has_primary_key: true };
}

describeEachStorage('MySQL snapshots read by the dashboards', (dialect) => {
  let sut: TestApp;
  let admin: string;
  let mysqlId: string;
  let postgresId: string;

  const get = (path: string, token = admin) => request(sut.server).get(path).auth(token, { type: 'bearer' });

  beforeAll(async () => {
    sut = await startTestApp({ dialect });
    admin = await setupAdmin(sut);
    const create = async (name: string) =>
      (
        await request(sut.server)
          .post('/api/instances')
          .auth(admin, { type: 'bearer' })
          .send({ name, connection: { value: 'postgres://monitor@127.0.0.1:5432/postgres' } })
          .expect(201)
      ).body.id as string;
    mysqlId = await create('mysql');
    postgresId = await create('postgres');
    // Until the MySQL connection accepts mysql:// URLs the engine is set in storage: these routes never connect.
    await sut.app.get(DataSource).getRepository(InstanceEntity).update(mysqlId, { engine: 'mysql' });
    const store = sut.app.get(MetricsStore);
    await store.record(
      mysqlId,
      snapshotRun('mysql_activity', 'mysql.activity', [
        session(7),
        session(8, { waiting_for_lock: true, blocking_ids: [7], lock_table: '`shop`.`orders`', lock_mode: 'X,REC_NOT_GAP', wait_seconds: 4 }),
        session(9, { command: 'Sleep', state: null, info: null }),
      ]),
      15_000,
    );
    await store.record(
      mysqlId,
      snapshotRun('mysql_tables', 'mysql.tables', [table('orders', 5_000), table('customers', 300), table('audit_log', 90_000)]),
      600_000,
    );
    await store.record(
      mysqlId,
      snapshotRun('mysql_instance', 'mysql.variables', [
        { name: 'max_connections', value: '151' },
        { name: 'innodb_buffer_pool_size', value: '134217728' },
      ]),
      600_000,
    );
  });
  afterAll(async () => sut.close());

  it('serves the latest sessions with the lock each waits for', async () => {
    const response = await get(`/api/instances/${mysqlId}/mysql/activity`).query({ sort: 'id', order: 'asc' }).expect(200);
    expect(response.body).toMatchObject({ kind: 'mysql.activity', total: 3, partial: null });
    expect(response.body.at).toEqual(expect.any(String));
    expect(response.body.rows.map((row: MysqlSessionRow) => row.id)).toEqual([7, 8, 9]);
    expect(response.body.rows[1]).toMatchObject({ waiting_for_lock: true, blocking_ids: [7], lock_table: '`shop`.`orders`', lock_mode: 'X,REC_NOT_GAP' });
  });

  it('sorts, searches and pages tables like the PostgreSQL snapshots', async () => {
    const biggest = await get(`/api/instances/${mysqlId}/mysql/tables`).query({ sort: 'data_bytes', limit: 2 }).expect(200);
    expect(biggest.body.total).toBe(3);
    expect(biggest.body.rows.map((row: MysqlTableRow) => row.table)).toEqual(['audit_log', 'orders']);
    const second = await get(`/api/instances/${mysqlId}/mysql/tables`).query({ sort: 'data_bytes', limit: 2, offset: 2 }).expect(200);
    expect(second.body.rows.map((row: MysqlTableRow) => row.table)).toEqual(['customers']);
    const searched = await get(`/api/instances/${mysqlId}/mysql/variables`).query({ q: 'BUFFER_POOL' }).expect(200);
    expect(searched.body.rows).toEqual([{ name: 'innodb_buffer_pool_size', value: '134217728' }]);
  });

  it('answers an empty list, not an error, for a kind no collector has stored yet', async () => {
    const response = await get(`/api/instances/${mysqlId}/mysql/statements`).expect(200);
    expect(response.body).toMatchObject({ kind: 'mysql.statements', at: null, total: 0, rows: [] });
    await get(`/api/instances/${mysqlId}/mysql/replicas`).expect(200);
    await get(`/api/instances/${mysqlId}/mysql/indexes`).expect(200);
  });

  it('answers 404 for a PostgreSQL instance, an unknown kind and an unknown instance', async () => {
    await get(`/api/instances/${postgresId}/mysql/activity`).expect(404);
    await get(`/api/instances/${mysqlId}/mysql/status`).expect(404);
    await get(`/api/instances/00000000-0000-4000-8000-000000000000/mysql/tables`).expect(404);
  });

  it('asks the permission of the PostgreSQL counterpart: a tables reader sees tables and indexes, not sessions or digests', async () => {
    const roleId = await createRole(sut, admin, ['instances:read', 'monitoring.tables:read']);
    const { token } = await createUser(sut, admin, [{ roleId }]);
    await get(`/api/instances/${mysqlId}/mysql/tables`, token).expect(200);
    await get(`/api/instances/${mysqlId}/mysql/indexes`, token).expect(200);
    await get(`/api/instances/${mysqlId}/mysql/activity`, token).expect(403);
    await get(`/api/instances/${mysqlId}/mysql/statements`, token).expect(403);
    await get(`/api/instances/${mysqlId}/mysql/variables`, token).expect(403);
  });
});
