import { Client } from 'pg';
import request from 'supertest';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './app-harness';
import { createRole, createUser, setupAdmin } from './auth-helpers';
import { createThrowawayDatabase } from './pg';
import { describeEachStorage } from './storage-targets';

/**
 * A setting changed on the monitored server shows in the instance's settings history. The database-level setting takes
 * effect for new sessions, so the test ends Inspector's session and lets the collector reconnect.
 */
describeEachStorage('server settings history', (dialect) => {
  let monitored: Awaited<ReturnType<typeof createThrowawayDatabase>>;
  let sut: TestApp;
  let admin: string;
  let instanceId: string;

  const onMonitored = async (sql: string) => {
    const client = new Client({ connectionString: monitored.url });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  const collect = () => request(sut.server).post(`/api/instances/${instanceId}/collect`).auth(admin, { type: 'bearer' }).expect(200);
  const changes = (token = admin) => request(sut.server).get(`/api/instances/${instanceId}/settings/changes`).auth(token, { type: 'bearer' });

  beforeAll(async () => {
    monitored = await createThrowawayDatabase();
    sut = await startTestApp({ dialect });
    admin = await setupAdmin(sut);
    instanceId = (
      await request(sut.server)
        .post('/api/instances')
        .auth(admin, { type: 'bearer' })
        .send({ name: 'orders', connection: { value: monitored.url } })
        .expect(201)
    ).body.id;
  });
  afterAll(async () => {
    await sut.close();
    await monitored.drop();
  });

  it('takes the first snapshot as the baseline, then lists a changed setting with its old and new value', async () => {
    await collect();
    expect((await changes().expect(200)).body).toEqual({ total: 0, items: [] });

    await onMonitored(`ALTER DATABASE "${monitored.name}" SET work_mem = '7MB'`);
    await onMonitored(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${monitored.name}' AND application_name = 'inspector'`);
    // Runs fail until the collector's reconnect backoff has passed; then it opens a new session with the new value.
    await expect
      .poll(async () => (await collect()).body.collectors.find((run: { collectorId: string }) => run.collectorId === 'instance').status, {
        timeout: 20_000,
        interval: 500,
      })
      .toBe('ok');

    const history = (await changes().expect(200)).body;
    expect(history.items).toEqual([{ at: expect.any(String), name: 'work_mem', previousValue: '4096', newValue: '7168', unit: 'kB' }]);
    expect(history.total).toBe(1);
    await collect();
    expect((await changes().expect(200)).body.total).toBe(1);
  });

  it('needs monitoring.settings:read on the instance', async () => {
    const viewer = await createUser(sut, admin, [{ roleId: await createRole(sut, admin, ['instances:read', 'monitoring.activity:read']) }]);
    await changes(viewer.token).expect(403);
  });
});
