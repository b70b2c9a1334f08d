import request from 'supertest';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './app-harness';
import { setupAdmin } from './auth-helpers';
import { type FakeServer, startBannerServer, startHttpServer, startPostgresErrorServer, startTcpServer } from './fake-servers';
import { describeEachStorage } from './storage-targets';

const BANNER = 'SSH-2.0-OpenSSH_9.6p1 internal-bastion-7\r\n';
const BODY = '<h1>internal admin console</h1> token=do-not-leak';
/** Dotted words: the shape that made the old scrubbing regex backtrack for seconds on 60,000 characters. */
const HUGE_ERROR = 'a.'.repeat(30_000);

describeEachStorage('connection failures', (dialect) => {
  let sut: TestApp;
  let admin: string;
  const servers: FakeServer[] = [];
  const auth = { type: 'bearer' } as const;

  async function instanceAt(port: number, query = ''): Promise<string> {
    const created = await request(sut.server)
      .post('/api/instances')
      .auth(admin, auth)
      .send({ name: `port-${port}`, connection: { value: `postgres://mon:pw-not-to-echo@127.0.0.1:${port}/db${query}` } })
      .expect(201);
    return created.body.id as string;
  }

  async function testResult(id: string): Promise<{ ok: boolean; error: string }> {
    return (await request(sut.server).post(`/api/instances/${id}/test`).auth(admin, auth).expect(200)).body;
  }

  beforeAll(async () => {
    sut = await startTestApp({ dialect });
    admin = await setupAdmin(sut);
  });
  afterAll(async () => {
    await sut?.close();
    for (const server of servers) await server.close();
  });

  it('answers a web server and an SSH banner identically, quoting neither, and a closed port as refused', async () => {
    const http = await startHttpServer(BODY);
    const ssh = await startBannerServer(BANNER);
    const closed = await startTcpServer();
    servers.push(http, ssh);
    await closed.close();
    for (const query of ['', '?sslmode=require']) {
      const answers = [await testResult(await instanceAt(http.port, query)), await testResult(await instanceAt(ssh.port, query))];
      for (const answer of answers) expect(answer).toEqual({ ok: false, error: 'connect: not a PostgreSQL server or protocol error', warnings: [] });
      expect(await testResult(await instanceAt(closed.port, query))).toEqual({ ok: false, error: 'connect: connection refused', warnings: [] });
    }
    const id = await instanceAt(ssh.port);
    const collected = await request(sut.server).post(`/api/instances/${id}/collect`).auth(admin, auth).expect(200);
    const status = await request(sut.server).get(`/api/instances/${id}/status`).auth(admin, auth).expect(200);
    for (const text of [collected.text, status.text]) {
      expect(text).not.toMatch(/OpenSSH|bastion|internal admin|do-not-leak|HTTP\/1\.1|received invalid response/);
    }
  });

  it('reports a server that closes without a word as closed', async () => {
    const hangUp = await startTcpServer((socket) => socket.destroy());
    servers.push(hangUp);
    const answer = await testResult(await instanceAt(hangUp.port));
    expect(answer).toEqual({ ok: false, error: 'connect: server closed the connection', warnings: [] });
  });

  it('bounds a 60,000-character server error and keeps answering other requests meanwhile', async () => {
    const hostile = await startPostgresErrorServer(HUGE_ERROR);
    servers.push(hostile);
    const ids = await Promise.all([1, 2, 3].map(() => instanceAt(hostile.port)));
    const attempts = Promise.all(ids.map(testResult));
    const pings: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const started = performance.now();
      await request(sut.server).get('/api/health').expect(200);
      pings.push(performance.now() - started);
    }
    const answers = await attempts;
    // The old scrubbing blocked the event loop for seconds per attempt; a loaded test machine stays far below this.
    expect(Math.max(...pings)).toBeLessThan(1_000);
    for (const answer of answers) {
      expect(answer.ok).toBe(false);
      expect(answer.error.startsWith('connect: a.a.a.')).toBe(true);
      expect(answer.error.length).toBeLessThanOrEqual(520);
    }
    const collected = await request(sut.server).post(`/api/instances/${ids[0]}/collect`).auth(admin, auth).expect(200);
    for (const run of collected.body.collectors) expect(String(run.message).length).toBeLessThanOrEqual(600);
  });
});
