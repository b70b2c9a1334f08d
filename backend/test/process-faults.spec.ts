import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// Each test starts real server processes: slow machines need more than the default timeout.
vi.setConfig({ testTimeout: 120_000 });
import { TEST_APP_SECRET, TEST_JWT_SECRET } from './app-harness';
import { ADMIN } from './auth-helpers';
import { createThrowawayDatabase } from './pg';
import { startServer, type RunningServer } from './process';
import { startTcpProxy, type TcpProxy } from './tcp-proxy';

async function call(server: RunningServer, method: string, route: string, token?: string, body?: unknown) {
  const response = await fetch(`${server.url}${route}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: response.status === 204 ? null : ((await response.json()) as any) };
}

const waitFor = async (check: () => boolean | Promise<boolean>, timeoutMs = 20_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
};

describe('process faults', () => {
  let dataDir: string;
  let monitored: Awaited<ReturnType<typeof createThrowawayDatabase>>;
  let proxy: TcpProxy;
  const env = () => ({ DATA_DIR: dataDir, PORT: '0', APP_SECRET: TEST_APP_SECRET, AUTH_JWT_SECRET: TEST_JWT_SECRET, COLLECTION_INTERVAL_SECONDS: '1' });
  const sqlite = () => new Database(path.join(dataDir, 'inspector.sqlite'), { readonly: true });
  const count = (sql: string) => {
    const db = sqlite();
    try {
      return Number(Object.values(db.prepare(sql).get() as object)[0]);
    } finally {
      db.close();
    }
  };

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'inspector-faults-'));
    monitored = await createThrowawayDatabase();
    proxy = await startTcpProxy();
  });
  afterAll(async () => {
    await proxy.stop();
    await monitored.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('survives SIGKILL during collection: storage stays consistent and collection resumes after restart', async () => {
    const first = await startServer(env());
    const token = /setup token: (\S+)"/.exec(first.output())?.[1];
    const admin = (await call(first, 'POST', '/api/setup', undefined, { token, ...ADMIN })).body.accessToken;
    await call(first, 'POST', '/api/instances', admin, { name: 'busy', connection: { value: monitored.url } });
    await waitFor(() => count('SELECT count(*) FROM collector_status') >= 5);
    await first.kill();

    const db = sqlite();
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    // Points and statuses are written in one transaction per run: no stored point is newer than its collector's status.
    const orphaned = db
      .prepare(
        'SELECT count(*) AS n FROM metric_point p JOIN metric_series m ON m.id = p.series_id JOIN collector_status s ON s.instance_id = m.instance_id AND s.collector_id = m.collector WHERE p.at > s.last_run_at',
      )
      .get() as { n: number };
    db.close();
    expect(orphaned.n).toBe(0);
    const before = count('SELECT max(last_run_at) FROM collector_status');

    const second = await startServer(env());
    try {
      await waitFor(() => count('SELECT max(last_run_at) FROM collector_status') > before);
      expect(second.output()).toContain('0 migration(s) applied');
    } finally {
      await second.stop();
    }
  });

  it('finishes an in-flight request on SIGTERM before exiting', async () => {
    const server = await startServer({ ...env(), COLLECTION_ENABLED: 'false' });
    const admin = (await call(server, 'POST', '/api/auth/login', undefined, ADMIN)).body.accessToken;
    const slow = (
      await call(server, 'POST', '/api/instances', admin, {
        name: 'hung',
        connection: { value: `postgres://postgres@127.0.0.1:${proxy.port}/${monitored.name}` },
      })
    ).body.id;
    await call(server, 'POST', `/api/instances/${slow}/collect`, admin);
    proxy.freeze(true);
    try {
      const inFlight = call(server, 'POST', `/api/instances/${slow}/collect`, admin);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const stopping = server.stop();
      const response = await inFlight;
      expect(response.status).toBe(200);
      expect(response.body.collectors.length).toBeGreaterThan(0);
      await stopping;
      expect((await server.exited).signal ?? 'exited').not.toBe('SIGKILL');
    } finally {
      proxy.freeze(false);
    }
  }, 60_000);
});
