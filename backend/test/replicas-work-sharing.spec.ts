import fs from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnalysisScheduler } from '../src/findings/analysis.scheduler';
import { DeliveryWorker } from '../src/notifiers/delivery.worker';
import { FindingNotifier } from '../src/notifiers/finding-notifier';
import { startTestApp, TEST_APP_SECRET, TEST_JWT_SECRET, type TestApp } from './app-harness';
import { ADMIN, setupAdmin } from './auth-helpers';
import { finding, type HttpSink, startHttpSink } from './notifiers-fixtures';
import { createThrowawayDatabase, PG_ADMIN_URL } from './pg';
import { type RunningServer, startServer } from './process';
import { freshStorage, type StorageFixture } from './storage-targets';

const LEASE_SECONDS = 3;
const LEASE_MS = LEASE_SECONDS * 1000;
const COLLECTION_INTERVAL_SECONDS = 2;

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function until<T>(what: string, withinMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`not within ${withinMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * Three app processes on one PostgreSQL storage monitor six databases of the local server. Throughout, a sampler
 * reads pg_stat_activity five times a second and keeps the most Inspector sessions any monitored database had.
 */
describe('three replica processes sharing six monitored databases', () => {
  let storage: StorageFixture;
  let storageClient: Client;
  let sampler: Client;
  const monitored: Array<Awaited<ReturnType<typeof createThrowawayDatabase>>> = [];
  const dataDirs: string[] = [];
  const replicas: Array<{ port: number; server: RunningServer | null }> = [];
  const instanceIds: string[] = [];
  const mostSessions = new Map<string, number>();
  let sampling: NodeJS.Timeout | undefined;
  let token: string;

  const start = async (index: number) => {
    const { port } = replicas[index];
    replicas[index].server = await startServer({
      DATA_DIR: dataDirs[index],
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: storage.databaseUrl,
      APP_SECRET: TEST_APP_SECRET,
      AUTH_JWT_SECRET: TEST_JWT_SECRET,
      REPLICA_LEASE_SECONDS: String(LEASE_SECONDS),
      REPLICA_URL: `http://127.0.0.1:${port}`,
      COLLECTION_INTERVAL_SECONDS: String(COLLECTION_INTERVAL_SECONDS),
    });
  };
  const api = (index: number) => replicas[index].server!.url;
  const sessions = async (): Promise<Map<string, number>> => {
    const { rows } = await sampler.query<{ datname: string; sessions: number }>(
      "SELECT datname, count(*)::int AS sessions FROM pg_stat_activity WHERE application_name = 'inspector' AND datname = ANY($1) GROUP BY datname",
      [monitored.map((database) => database.name)],
    );
    return new Map(rows.map((row) => [row.datname, row.sessions]));
  };
  /** Instance id → replica id, for live leases. */
  const holders = async (): Promise<Map<string, string>> => {
    const { rows } = await storageClient.query<{ resource: string; replica_id: string }>(
      "SELECT resource, replica_id FROM replica_lease WHERE resource LIKE 'instance:%' AND expires_at > (extract(epoch from clock_timestamp()) * 1000)::bigint",
    );
    return new Map(rows.map((row) => [row.resource.slice('instance:'.length), row.replica_id]));
  };
  const lastRun = async (instanceId: string, via = 0): Promise<number> => {
    const response = await request(api(via)).get(`/api/instances/${instanceId}/status`).auth(token, { type: 'bearer' }).expect(200);
    const runs = (response.body.collectors as Array<{ lastRunAt: string | null }>).map((collector) => Date.parse(collector.lastRunAt ?? '') || 0);
    return Math.max(...runs);
  };
  /** Every instance held by a live lease, `perReplica` each, and each monitored database with one Inspector session. */
  const settled = (perReplica: number[]) => async () => {
    const held = await holders();
    const counts = [...new Set(held.values())].map((replica) => [...held.values()].filter((holder) => holder === replica).length).sort();
    const open = await sessions();
    const oneEach = monitored.every((database) => open.get(database.name) === 1);
    return held.size === instanceIds.length && JSON.stringify(counts) === JSON.stringify(perReplica) && oneEach ? held : undefined;
  };

  beforeAll(async () => {
    storage = await freshStorage('postgres');
    for (let index = 0; index < 6; index++) monitored.push(await createThrowawayDatabase());
    for (let index = 0; index < 3; index++) {
      dataDirs.push(fs.mkdtempSync(path.join(os.tmpdir(), `inspector-replica-${index}-`)));
      replicas.push({ port: await freePort(), server: null });
    }
    // One after the other: the first applies the migrations.
    for (let index = 0; index < 3; index++) await start(index);
    storageClient = new Client({ connectionString: storage.databaseUrl });
    await storageClient.connect();
    sampler = new Client({ connectionString: PG_ADMIN_URL });
    await sampler.connect();
    sampling = setInterval(() => {
      void sessions().then(
        (open) => {
          for (const [database, count] of open) mostSessions.set(database, Math.max(mostSessions.get(database) ?? 0, count));
        },
        () => undefined,
      );
    }, 200);
    const setupToken = /setup token: (\S+)"/.exec(replicas[0].server!.output())?.[1];
    const setup = await request(api(0))
      .post('/api/setup')
      .send({ token: setupToken, ...ADMIN })
      .expect(201);
    token = setup.body.accessToken as string;
    for (const [index, database] of monitored.entries()) {
      const created = await request(api(index % 3))
        .post('/api/instances')
        .auth(token, { type: 'bearer' })
        .send({ name: `shared-${index}`, connection: { value: `postgres://postgres@127.0.0.1:5432/${database.name}` } })
        .expect(201);
      instanceIds.push(created.body.id as string);
    }
  }, 120_000);

  afterAll(async () => {
    clearInterval(sampling);
    for (const replica of replicas) await replica.server?.stop();
    await sampler?.end();
    await storageClient?.end();
    for (const database of monitored) await database.drop();
    await storage?.dispose();
    for (const dataDir of dataDirs) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('collects every instance on exactly one replica, two each, with one Inspector session per monitored database', async () => {
    await until('two instances per replica, one session each', 20_000, settled([2, 2, 2]));
    const since = Date.now();
    await until('every instance collected again', 10_000, async () =>
      (await Promise.all(instanceIds.map((id) => lastRun(id)))).every((at) => at > since) ? true : undefined,
    );
    expect([...mostSessions.values()].every((count) => count <= 1)).toBe(true);
  }, 60_000);

  it('answers collect-now on a replica that does not hold the instance through its holder, adding no session', async () => {
    const held = await holders();
    const { rows } = await storageClient.query<{ id: string; url: string }>('SELECT id, url FROM replica');
    const urlOf = new Map(rows.map((row) => [row.id, row.url]));
    const instanceId = instanceIds[0];
    const notHolding = replicas.findIndex((replica) => urlOf.get(held.get(instanceId)!) !== `http://127.0.0.1:${replica.port}`);
    const collected = await request(api(notHolding)).post(`/api/instances/${instanceId}/collect`).auth(token, { type: 'bearer' }).expect(200);
    expect(collected.body.instanceId).toBe(instanceId);
    expect((collected.body.collectors as Array<{ status: string }>).some((collector) => collector.status === 'ok')).toBe(true);
    await request(api(notHolding)).post(`/api/instances/${instanceId}/test`).auth(token, { type: 'bearer' }).expect(200);
    await request(api(notHolding)).post(`/api/instances/${instanceId}/collect`).expect(401);
    expect((await sessions()).get(monitored[0].name)).toBe(1);
  }, 30_000);

  it('passes collect-now on to the holder from a replica that does not collect (COLLECTION_ENABLED=false) too', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'inspector-replica-api-only-'));
    dataDirs.push(dataDir);
    const apiOnly = await startServer({
      DATA_DIR: dataDir,
      HOST: '127.0.0.1',
      PORT: '0',
      DATABASE_URL: storage.databaseUrl,
      APP_SECRET: TEST_APP_SECRET,
      AUTH_JWT_SECRET: TEST_JWT_SECRET,
      COLLECTION_ENABLED: 'false',
    });
    try {
      const collected = await request(apiOnly.url).post(`/api/instances/${instanceIds[2]}/collect`).auth(token, { type: 'bearer' }).expect(200);
      expect((collected.body.collectors as Array<{ status: string }>).some((collector) => collector.status === 'ok')).toBe(true);
      expect((await sessions()).get(monitored[2].name)).toBe(1);
    } finally {
      await apiOnly.stop();
    }
  }, 60_000);

  it('reopens the holder’s connection when its settings change on another replica, still one session', async () => {
    const held = await holders();
    const { rows } = await storageClient.query<{ id: string; url: string }>('SELECT id, url FROM replica');
    const urlOf = new Map(rows.map((row) => [row.id, row.url]));
    const [instanceId, database] = [instanceIds[1], monitored[1]];
    const notHolding = replicas.findIndex((replica) => urlOf.get(held.get(instanceId)!) !== `http://127.0.0.1:${replica.port}`);
    const backend = async () =>
      (
        await sampler.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE application_name = 'inspector' AND datname = $1", [database.name])
      ).rows.map((row) => row.pid);
    const [before] = await backend();
    await request(api(notHolding))
      .patch(`/api/instances/${instanceId}`)
      .auth(token, { type: 'bearer' })
      .send({ connection: { value: `postgres://postgres@127.0.0.1:5432/${database.name}?connect_timeout=5` } })
      .expect(200);
    await until('a new session from the holder', 2 * LEASE_MS + COLLECTION_INTERVAL_SECONDS * 1000, async () => {
      const now = await backend();
      return now.length === 1 && now[0] !== before ? true : undefined;
    });
    expect((await holders()).get(instanceId)).toBe(held.get(instanceId));
    expect([...mostSessions.entries()].filter(([, count]) => count > 1)).toEqual([]);
  }, 30_000);

  it('collects a killed replica’s instances on the others within two lease periods, still one session each', async () => {
    const held = await holders();
    const { rows } = await storageClient.query<{ id: string; url: string }>('SELECT id, url FROM replica');
    const killedId = rows.find((row) => row.url === `http://127.0.0.1:${replicas[2].port}`)!.id;
    const orphans = instanceIds.filter((id) => held.get(id) === killedId);
    expect(orphans).toHaveLength(2);
    await replicas[2].server!.kill();
    replicas[2].server = null;
    const killedAt = Date.now();
    await until('the orphans held by the living replicas', 2 * LEASE_MS, async () => {
      const now = await holders();
      return orphans.every((id) => now.has(id) && now.get(id) !== killedId) ? true : undefined;
    });
    // Held within two lease periods; the new holder's first run comes within one collection interval after that.
    await until('the orphans collected again', 2 * LEASE_MS + COLLECTION_INTERVAL_SECONDS * 1000 + 1000, async () =>
      (await Promise.all(orphans.map((id) => lastRun(id)))).every((at) => at > killedAt) ? true : undefined,
    );
    await until('three instances per living replica, one session each', 10_000, settled([3, 3]));
    expect([...mostSessions.entries()].filter(([, count]) => count > 1)).toEqual([]);
  }, 60_000);

  it('rebalances to two each when the replica comes back, never with two sessions on a database', async () => {
    await start(2);
    await until('two instances per replica again, one session each', 20_000, settled([2, 2, 2]));
    expect([...mostSessions.entries()].filter(([, count]) => count > 1)).toEqual([]);
    expect(mostSessions.size).toBe(monitored.length);
  }, 60_000);
});

/** In-process replicas (each its own Nest app) whose job timers fire at the same moment. */
describe('jobs that run once across replicas on one PostgreSQL storage', () => {
  let storage: StorageFixture;
  const apps: TestApp[] = [];
  let webhook: HttpSink;

  beforeAll(async () => {
    storage = await freshStorage('postgres');
    for (let index = 0; index < 3; index++) apps.push(await startTestApp({ storage, env: { NOTIFIER_ALLOWED_HOSTS: '127.0.0.1' } }));
    webhook = await startHttpSink();
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await webhook?.close();
    await storage?.dispose();
  });

  it('analyzes on one of three replicas per interval', async () => {
    const passes = await Promise.all(apps.map((replica) => replica.app.get(AnalysisScheduler).scheduledAnalysis()));
    expect(passes.filter(Boolean)).toHaveLength(1);
    const again = await Promise.all(apps.map((replica) => replica.app.get(AnalysisScheduler).scheduledAnalysis()));
    expect(again.filter(Boolean)).toHaveLength(0);
  });

  it('sends a queued notification once when three replicas deliver at the same moment', async () => {
    const admin = await setupAdmin(apps[0]);
    const instance = await request(apps[0].server)
      .post('/api/instances')
      .auth(admin, { type: 'bearer' })
      .send({ name: 'shop', connection: { value: 'postgres://monitor:pw@127.0.0.1:5432/shop' }, tags: ['prod'] })
      .expect(201);
    const channel = await request(apps[1].server)
      .post('/api/notifiers/channels')
      .auth(admin, { type: 'bearer' })
      .send({ name: 'hooks', target: { type: 'webhook', url: `${webhook.url}/inspector`, secret: { value: 'whsec-known-to-the-test-0123456789' } } })
      .expect(201);
    await request(apps[2].server)
      .post('/api/notifiers/rules')
      .auth(admin, { type: 'bearer' })
      .send({ name: 'to hooks', channelId: channel.body.id, tags: ['prod'] })
      .expect(201);
    expect(await apps[0].app.get(FindingNotifier).enqueue({ opened: [finding(instance.body.id as string)], escalated: [], resolved: [] })).toBe(1);
    const reports = await Promise.all(apps.map((replica) => replica.app.get(DeliveryWorker).deliverDue()));
    expect(reports.reduce((sum, report) => sum + report.sent, 0)).toBe(1);
    expect(webhook.received).toHaveLength(1);
    const deliveries = await request(apps[1].server).get('/api/notifiers/deliveries').auth(admin, { type: 'bearer' }).expect(200);
    expect(deliveries.body.items).toMatchObject([{ status: 'sent', attempts: 1 }]);
  });
});
