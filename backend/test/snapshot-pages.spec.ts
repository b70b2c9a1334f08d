import request from 'supertest';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { getDataSourceToken } from '@nestjs/typeorm';
import { MetricsStore } from '../src/metrics/metrics.store';
import { startTestApp, type TestApp } from './app-harness';
import { createInstance as createInstanceAs, setupAdmin } from './auth-helpers';
import { snapshotRun } from './snapshot-runs';
import { describeEachStorage } from './storage-targets';

type Session = { pid: number; state: string; query: string };
const activityRun = (at: number, rows: Session[]) => snapshotRun('activity', at, rows);

/**
 * Snapshot pages reuse the rows an earlier page parsed while storage holds the same snapshot (metrics/parsed-snapshots.ts):
 * whatever changed the stored snapshot, the next page shows it.
 */
describeEachStorage('snapshot pages after the snapshot changes', (dialect) => {
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

  const page = async (instanceId: string, query: Record<string, string | number> = {}) =>
    (await request(sut.server).get(`/api/instances/${instanceId}/activity`).query(query).auth(admin, { type: 'bearer' }).expect(200)).body as {
      at: string | null;
      total: number;
      rows: Session[];
    };
  const pids = (body: { rows: Session[] }) => body.rows.map((row) => row.pid);

  it('shows the newer run once a collector stores one, never the rows read before', async () => {
    const instanceId = await createInstanceAs(sut, admin, 'newer-run');
    const t0 = Date.now() - 60_000;
    await store.record(instanceId, activityRun(t0, [{ pid: 1, state: 'active', query: 'SELECT 1' }]), 15_000);
    expect(pids(await page(instanceId))).toEqual([1]);
    expect(pids(await page(instanceId))).toEqual([1]);

    await store.record(instanceId, activityRun(t0 + 15_000, [{ pid: 2, state: 'idle', query: 'SELECT 2' }]), 15_000);
    const after = await page(instanceId);
    expect(pids(after)).toEqual([2]);
    expect(after.at).toBe(new Date(t0 + 15_000).toISOString());
  });

  it('shows a snapshot written behind this process (another replica, a restored backup) at the next page', async () => {
    const instanceId = await createInstanceAs(sut, admin, 'behind-its-back');
    const t0 = Date.now() - 60_000;
    await store.record(instanceId, activityRun(t0, [{ pid: 10, state: 'active', query: 'SELECT 10' }]), 15_000);
    expect(pids(await page(instanceId))).toEqual([10]);

    const rows = JSON.stringify([{ pid: 11, state: 'active', query: 'SELECT 11' }]);
    await dataSource.query(
      dialect === 'postgres'
        ? "UPDATE snapshot SET at = $1, rows = $2 WHERE instance_id = $3 AND kind = 'activity'"
        : "UPDATE snapshot SET at = ?, rows = ? WHERE instance_id = ? AND kind = 'activity'",
      [t0 + 1, rows, instanceId],
    );
    expect(pids(await page(instanceId))).toEqual([11]);

    await dataSource.query(dialect === 'postgres' ? 'DELETE FROM snapshot WHERE instance_id = $1' : 'DELETE FROM snapshot WHERE instance_id = ?', [instanceId]);
    expect(await page(instanceId)).toMatchObject({ at: null, total: 0, rows: [] });
  });

  it('keeps the stored order and rows whatever an earlier page sorted or searched', async () => {
    const instanceId = await createInstanceAs(sut, admin, 'sorted-pages');
    const sessions = [3, 1, 2].map((pid) => ({ pid, state: pid === 2 ? 'idle' : 'active', query: `SELECT ${pid}` }));
    await store.record(instanceId, activityRun(Date.now() - 60_000, sessions), 15_000);
    expect(pids(await page(instanceId, { sort: 'pid', order: 'asc' }))).toEqual([1, 2, 3]);
    expect(pids(await page(instanceId, { q: 'idle' }))).toEqual([2]);
    expect(pids(await page(instanceId, { limit: 2, offset: 1 }))).toEqual([1, 2]);
    expect(pids(await page(instanceId))).toEqual([3, 1, 2]);
  });
});
