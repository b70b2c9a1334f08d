import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/config';
import { entities } from '../src/entities';
import { InstanceLeases } from '../src/replicas/instance-leases';
import { ReplicaIdentity } from '../src/replicas/replica-identity';
import { openStorage } from '../src/storage/storage';
import { startTestApp, TEST_APP_SECRET, TEST_JWT_SECRET, type TestApp } from './app-harness';
import { setupAdmin } from './auth-helpers';
import { parseDatabaseUrl } from '../src/config/database-url';
import { createThrowawayDatabase, PG_ADMIN_URL } from './pg';
import { startTcpProxy, type TcpProxy } from './tcp-proxy';
import { freshStorage, type StorageFixture } from './storage-targets';

const LEASE_MS = 600;
const INSTANCES = Array.from({ length: 20 }, (_, index) => `instance-${String(index).padStart(2, '0')}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Lease bookkeeping on a real PostgreSQL storage, at a fast pace: replicas join, hand over and crash while every
 * replica's "connections" are tracked, with a closing that takes a while as a real one does.
 */
describe('instance leases between replicas', () => {
  let storage: StorageFixture;
  let dataSource: DataSource;
  /** Instance → replicas with an open connection to it. */
  const open = new Map<string, Set<string>>();
  const overlaps: string[] = [];

  function replica(name: string) {
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: storage.databaseUrl, APP_SECRET: TEST_APP_SECRET, AUTH_JWT_SECRET: TEST_JWT_SECRET });
    const leases = new InstanceLeases(new ReplicaIdentity(config), dataSource);
    leases.handle({
      instanceIds: async () => INSTANCES,
      gained: async (id) => {
        const holders = open.get(id) ?? new Set();
        if (holders.size > 0) overlaps.push(`${id}: ${name} opened while ${[...holders].join(', ')} still had a connection`);
        open.set(id, holders.add(name));
      },
      losing: async (id) => {
        await sleep(Math.random() * 50);
        open.get(id)?.delete(name);
      },
      reopen: async () => undefined,
    });
    leases.start();
    return { name, leases, crashed: false };
  }
  type Replica = ReturnType<typeof replica>;
  const beats = async (replicas: Replica[], count: number) => {
    for (let beat = 0; beat < count; beat++) {
      const live = replicas.filter((candidate) => !candidate.crashed);
      await Promise.all(live.map((candidate) => candidate.leases.rebalance(LEASE_MS, live.length)));
      await sleep(LEASE_MS / 4);
    }
  };
  const heldBy = (replicas: Replica[]) =>
    replicas.filter((candidate) => !candidate.crashed).map((candidate) => INSTANCES.filter((id) => candidate.leases.holds(id)).length);

  beforeAll(async () => {
    // No app here: the leases' hand-over lines would go to the console.
    Logger.overrideLogger(false);
    storage = await freshStorage('postgres');
    ({ dataSource } = await openStorage(storage.target, entities));
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await storage?.dispose();
  });

  it('shares evenly as replicas join and crash, and never lets two replicas hold a connection to one instance', async () => {
    const replicas = [replica('a')];
    await beats(replicas, 3);
    expect(heldBy(replicas)).toEqual([20]);

    replicas.push(replica('b'), replica('c'));
    await beats(replicas, 20);
    expect(heldBy(replicas).sort()).toEqual([6, 7, 7]);

    // A crash: its connections end with the process; its leases stay until they expire.
    const crashed = replicas[1];
    crashed.crashed = true;
    for (const holders of open.values()) holders.delete(crashed.name);
    await beats(replicas, 12);
    expect(heldBy(replicas)).toEqual([10, 10]);

    replicas.push(replica('d'));
    await beats(replicas, 20);
    expect(heldBy(replicas).sort()).toEqual([6, 7, 7]);
    expect(INSTANCES.filter((id) => open.get(id)?.size !== 1)).toEqual([]);
    expect(overlaps).toEqual([]);
    for (const live of replicas.filter((candidate) => !candidate.crashed)) await live.leases.releaseAll();
  }, 60_000);

  it('hands everything over on shutdown after closing, so another replica takes it within a second instead of a lease', async () => {
    const LONG_LEASE_MS = 30_000;
    // The first test's replicas handed everything back; their grace ends.
    await sleep(1_100);
    const first = replica('e');
    const second = replica('f');
    await first.leases.rebalance(LONG_LEASE_MS, 1);
    expect(heldBy([first])).toEqual([20]);
    await first.leases.releaseAll();
    expect(INSTANCES.filter((id) => open.get(id)?.has('e'))).toEqual([]);
    // The monitored server gets a moment to end the closed sessions.
    await second.leases.rebalance(LONG_LEASE_MS, 1);
    expect(heldBy([second])).toEqual([0]);
    await sleep(1_100);
    await second.leases.rebalance(LONG_LEASE_MS, 1);
    expect(heldBy([second])).toEqual([20]);
    expect(overlaps).toEqual([]);
  }, 30_000);
});

/** The replica's storage hangs (reached through a relay that stops answering) while it monitors an instance. */
describe('a replica cut off from its storage', () => {
  let storageDb: Awaited<ReturnType<typeof createThrowawayDatabase>>;
  let monitored: Awaited<ReturnType<typeof createThrowawayDatabase>>;
  let proxy: TcpProxy;
  let sut: TestApp;
  let direct: Client;

  const sessions = async () =>
    (
      await direct.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'inspector' AND datname = $1", [
        monitored.name,
      ])
    ).rows[0].n;

  beforeAll(async () => {
    storageDb = await createThrowawayDatabase();
    monitored = await createThrowawayDatabase();
    proxy = await startTcpProxy();
    const databaseUrl = `postgres://postgres@127.0.0.1:${proxy.port}/${storageDb.name}`;
    sut = await startTestApp({
      storage: { databaseUrl, target: parseDatabaseUrl(databaseUrl), dispose: async () => undefined },
      env: { COLLECTION_ENABLED: 'true', COLLECTION_INTERVAL_SECONDS: '1', REPLICA_LEASE_SECONDS: '3' },
    });
    const admin = await setupAdmin(sut);
    await request(sut.server)
      .post('/api/instances')
      .auth(admin, { type: 'bearer' })
      .send({ name: 'watched', connection: { value: `postgres://postgres@127.0.0.1:5432/${monitored.name}` } })
      .expect(201);
    direct = new Client({ connectionString: PG_ADMIN_URL });
    await direct.connect();
  });
  afterAll(async () => {
    // Storage gone rather than hung: the app's pending storage queries fail and it can close.
    await proxy?.stop().catch(() => undefined);
    await sut?.close().catch(() => undefined);
    await direct?.end();
    await monitored?.drop();
    await storageDb?.drop();
  });

  it('closes its monitoring connection before its lease could pass to another replica', async () => {
    for (let waited = 0; (await sessions()) !== 1; waited += 200) {
      expect(waited).toBeLessThan(15_000);
      await sleep(200);
    }
    proxy.freeze(true);
    const storage = new Client({ connectionString: storageDb.url });
    await storage.connect();
    // Read past the relay: the last renewal that got through.
    const { rows } = await storage.query<{ expires_at: string }>("SELECT expires_at FROM replica_lease WHERE resource LIKE 'instance:%'");
    await storage.end();
    const expiresAt = Number(rows[0].expires_at);
    while ((await sessions()) !== 0) {
      expect(Date.now()).toBeLessThan(expiresAt);
      await sleep(100);
    }
    expect(Date.now()).toBeLessThan(expiresAt);
  }, 30_000);
});
