import request from 'supertest';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { getDataSourceToken } from '@nestjs/typeorm';
import { MetricsReader } from '../src/metrics/metrics.reader';
import { MetricsStore } from '../src/metrics/metrics.store';
import { startTestApp, type TestApp } from './app-harness';
import { createInstance as createInstanceAs, setupAdmin } from './auth-helpers';
import { snapshotRun } from './snapshot-runs';
import { describeEachStorage } from './storage-targets';

const MINUTE = 60_000;

type Statement = { queryid: string | null; userid: number; dbid: number; calls: string; total_exec_time_ms: number; query: string | null };
const statement = (queryid: string | null, calls: number, query: string | null): Statement => ({
  queryid,
  userid: 10,
  dbid: 5,
  calls: String(calls),
  total_exec_time_ms: calls * 2,
  query,
});

/** A statements run as the collector hands it over (the snapshot only: the texts are what this is about). */
const statementsRun = (at: number, rows: Statement[]) => snapshotRun('statements', at, rows);

describeEachStorage('statement texts kept apart from the statements snapshot', (dialect) => {
  let sut: TestApp;
  let admin: string;
  let store: MetricsStore;
  let dataSource: DataSource;

  beforeAll(async () => {
    sut = await startTestApp({ dialect });
    admin = await setupAdmin(sut);
    store = sut.app.get(MetricsStore);
    dataSource = sut.app.get<DataSource>(getDataSourceToken());
  });
  afterAll(async () => sut.close());

  const createInstance = (name: string) => createInstanceAs(sut, admin, name);
  const page = async (instanceId: string, query: Record<string, string | number>) =>
    (await request(sut.server).get(`/api/instances/${instanceId}/statements`).query(query).auth(admin, { type: 'bearer' }).expect(200)).body as {
      total: number;
      rows: Statement[];
    };
  const storedTexts = async (instanceId: string) =>
    (
      (await dataSource.query(
        dialect === 'postgres'
          ? 'SELECT statement_key, text FROM statement_text WHERE instance_id = $1'
          : 'SELECT statement_key, text FROM statement_text WHERE instance_id = ?',
        [instanceId],
      )) as Array<{ statement_key: string; text: string }>
    )
      .map((row) => `${row.statement_key}=${row.text}`)
      .sort();
  const storedRows = async (instanceId: string) =>
    JSON.parse(
      (
        (await dataSource.query(
          dialect === 'postgres'
            ? "SELECT rows FROM snapshot WHERE instance_id = $1 AND kind = 'statements'"
            : "SELECT rows FROM snapshot WHERE instance_id = ? AND kind = 'statements'",
          [instanceId],
        )) as Array<{ rows: string }>
      )[0]!.rows,
    ) as Array<Record<string, unknown>>;

  it('stores each text once, beside numbers-only rows, and shows every page, search and sort with its texts', async () => {
    const instanceId = await createInstance('texts');
    const t0 = Date.now() - 10 * MINUTE;
    const first = [statement('1', 30, 'SELECT * FROM orders'), statement('2', 20, 'UPDATE stock SET n = n - 1'), statement(null, 10, null)];
    await store.record(instanceId, statementsRun(t0, first), MINUTE);

    expect(await storedTexts(instanceId)).toEqual(['5:10:1=SELECT * FROM orders', '5:10:2=UPDATE stock SET n = n - 1']);
    const rows = await storedRows(instanceId);
    expect(rows.map((row) => 'query' in row)).toEqual([false, false, true]); // a statement without query id keeps its null inline

    expect((await page(instanceId, { limit: 2 })).rows.map((row) => row.query)).toEqual(['SELECT * FROM orders', 'UPDATE stock SET n = n - 1']);
    expect((await page(instanceId, { limit: 2, offset: 2 })).rows.map((row) => row.query)).toEqual([null]);
    const found = await page(instanceId, { q: 'stock' });
    expect([found.total, found.rows[0]?.queryid, found.rows[0]?.query]).toEqual([1, '2', 'UPDATE stock SET n = n - 1']);
    expect((await page(instanceId, { sort: 'query', order: 'asc' })).rows.map((row) => row.queryid)).toEqual([null, '1', '2']);

    // Statement 1 leaves the list and 3 comes in: the table follows the list.
    await store.record(
      instanceId,
      statementsRun(t0 + MINUTE, [statement('2', 25, 'UPDATE stock SET n = n - 1'), statement('3', 5, 'DELETE FROM carts')]),
      MINUTE,
    );
    expect(await storedTexts(instanceId)).toEqual(['5:10:2=UPDATE stock SET n = n - 1', '5:10:3=DELETE FROM carts']);
    // Readers of the whole snapshot (top statements, the analyzers) get the texts back.
    const whole = await sut.app.get(MetricsReader).snapshot(instanceId, 'statements');
    expect(whole?.rows.map((row) => (row as Statement).query)).toEqual(['UPDATE stock SET n = n - 1', 'DELETE FROM carts']);
    const [all] = (await sut.app.get(MetricsReader).snapshots(instanceId)).filter((snapshot) => snapshot.kind === 'statements');
    expect(all?.rows.map((row) => (row as Statement).query)).toEqual(['UPDATE stock SET n = n - 1', 'DELETE FROM carts']);

    await request(sut.server).delete(`/api/instances/${instanceId}`).auth(admin, { type: 'bearer' }).expect(204);
    expect(await storedTexts(instanceId)).toEqual([]);
  });

  it('still shows a snapshot stored with its texts inline, as before texts were kept apart', async () => {
    const instanceId = await createInstance('inline');
    const rows = [statement('7', 3, 'SELECT 7')];
    await dataSource.query(
      dialect === 'postgres'
        ? "INSERT INTO snapshot (instance_id, kind, at, rows) VALUES ($1, 'statements', $2, $3)"
        : "INSERT INTO snapshot (instance_id, kind, at, rows) VALUES (?, 'statements', ?, ?)",
      [instanceId, Date.now(), JSON.stringify(rows)],
    );
    expect((await page(instanceId, {})).rows.map((row) => row.query)).toEqual(['SELECT 7']);
  });
});
