import request from 'supertest';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './app-harness';
import { setupAdmin } from './auth-helpers';
import { type FakeServer, startTcpServer } from './fake-servers';
import { describeEachStorage, type StorageDialect } from './storage-targets';

const PREFIX = 'INSPECTOR_SECRET_POLICY_';
let variables = 0;

/** The three ways a URL reaches Inspector (create, update, an env reference read at test and collection time), each of which must refuse it. */
function policyHarness(dialect: StorageDialect, env: Record<string, string> = {}) {
  const state = { sut: undefined as unknown as TestApp, admin: '', listener: undefined as unknown as FakeServer, usable: '' };
  const api = () => request(state.sut.server);
  const auth = { type: 'bearer' } as const;

  beforeAll(async () => {
    state.listener = await startTcpServer((socket) => socket.destroy());
    state.sut = await startTestApp({ dialect, env: { SECRET_ENV_PREFIX: 'INSPECTOR_SECRET_', ...env } });
    state.admin = await setupAdmin(state.sut);
  });
  afterAll(async () => {
    await state.sut?.close();
    await state.listener?.close();
  });

  /** Asserts every path refuses `url` with a message matching `reason`, without echoing the URL and without connecting. */
  async function expectRefusedEverywhere(url: string, reason: RegExp): Promise<void> {
    const before = state.listener.connections();
    const created = await api()
      .post('/api/instances')
      .auth(state.admin, auth)
      .send({ name: 'refused', connection: { value: url } });
    expect(created.status, url).toBe(400);
    expect(created.body.errors[0]).toMatchObject({ path: 'connection.value', message: expect.stringMatching(reason) });
    expect(created.text).not.toContain('pw-not-to-echo');

    const existing = await api()
      .post('/api/instances')
      .auth(state.admin, auth)
      .send({ name: 'usable', connection: { value: state.usable } })
      .expect(201);
    const updated = await api()
      .patch(`/api/instances/${existing.body.id}`)
      .auth(state.admin, auth)
      .send({ connection: { value: url } });
    expect(updated.status, url).toBe(400);
    expect(updated.body.errors[0].message).toMatch(reason);

    const variable = `${PREFIX}${++variables}`;
    process.env[variable] = url;
    const viaEnv = await api()
      .post('/api/instances')
      .auth(state.admin, auth)
      .send({ name: 'env', connection: { env: variable } });
    expect(viaEnv.status, url).toBe(400);
    expect(viaEnv.body.errors[0].message).toMatch(reason);

    // A variable may change after the instance was saved: the test and every collection check it again.
    delete process.env[variable];
    const later = await api()
      .post('/api/instances')
      .auth(state.admin, auth)
      .send({ name: 'env-later', connection: { env: variable } })
      .expect(201);
    process.env[variable] = url;
    try {
      const tested = await api().post(`/api/instances/${later.body.id}/test`).auth(state.admin, auth);
      expect(tested.status, url).toBe(400);
      expect(tested.body.errors[0].message).toMatch(reason);
      expect(tested.text).not.toContain('pw-not-to-echo');
      const collected = await api().post(`/api/instances/${later.body.id}/collect`).auth(state.admin, auth).expect(200);
      for (const run of collected.body.collectors) expect(run).toMatchObject({ status: 'error', message: expect.stringMatching(reason) });
    } finally {
      delete process.env[variable];
    }
    expect(state.listener.connections(), url).toBe(before);
  }

  return { state, api, auth, expectRefusedEverywhere };
}

describeEachStorage('monitored-database URLs and host policy', (dialect) => {
  const { state, api, auth, expectRefusedEverywhere } = policyHarness(dialect);
  beforeAll(() => {
    state.usable = `postgres://mon:pw@127.0.0.1:${state.listener.port}/db`;
  });

  it('refuses Unix-socket hosts in every spelling on create, update, test and collection', async () => {
    await expectRefusedEverywhere('postgres://postgres:pw-not-to-echo@%2Fvar%2Frun%2Fpostgresql/db', /Unix-socket/);
    await expectRefusedEverywhere('postgres://postgres:pw-not-to-echo@%2ftmp/db', /Unix-socket/);
    await expectRefusedEverywhere(`postgres://postgres:pw-not-to-echo@127.0.0.1:${state.listener.port}/db?host=%2Fvar%2Frun%2Fpostgresql`, /host not allowed/);
  });

  it('refuses NUL, CR/LF and other control characters in any URL part before any byte is sent', async () => {
    const port = state.listener.port;
    for (const [url, component] of [
      [`postgres://x%00search_path%3Dpublic:pw-not-to-echo@127.0.0.1:${port}/db`, 'user name'],
      [`postgres://a%0D%0AHELO%20x:pw-not-to-echo@127.0.0.1:${port}/db`, 'user name'],
      [`postgres://mon:pw-not-to-echo%00@127.0.0.1:${port}/db`, 'password'],
      [`postgres://mon:pw-not-to-echo@127.0.0.1:${port}/db%0Awork_mem`, 'database name'],
      [`postgres://mon:pw-not-to-echo@127.0.0.1%00.example.com:${port}/db`, 'host'],
    ]) {
      await expectRefusedEverywhere(url, new RegExp(`control character in the ${component}$`));
    }
  });

  it('refuses link-local, unspecified and cloud-metadata addresses unless listed, written as literals', async () => {
    for (const host of ['169.254.169.254', '[fe80::1]', '0.0.0.0', '[::]', '[::ffff:169.254.169.254]', '[fd00:ec2::254]', '[64:ff9b::169.254.169.254]']) {
      await expectRefusedEverywhere(`postgres://mon:pw-not-to-echo@${host}:5432/db`, /link-local, unspecified or multicast/);
    }
  });

  it('checks the addresses a name resolves to and never connects to a refused one', async () => {
    // getaddrinfo reads this octal spelling as 169.254.169.254: a name to the URL, the metadata address to DNS.
    const created = await api()
      .post('/api/instances')
      .auth(state.admin, auth)
      .send({ name: 'octal', connection: { value: 'postgres://mon:pw@0251.0376.0251.0376:5432/db' } })
      .expect(201);
    const tested = await api().post(`/api/instances/${created.body.id}/test`).auth(state.admin, auth).expect(200);
    expect(tested.body).toEqual({ ok: false, error: expect.stringMatching(/^connect: host 0251\.0376\.0251\.0376 resolves to a link-local/), warnings: [] });
  });

  it('still allows loopback and private hosts by default', async () => {
    for (const host of ['127.0.0.1', '[::1]', 'localhost', '10.1.2.3', '192.168.0.10']) {
      await api()
        .post('/api/instances')
        .auth(state.admin, auth)
        .send({ name: 'ok', connection: { value: `postgres://mon:pw@${host}:5432/db` } })
        .expect(201);
    }
  });
});

describeEachStorage('MONITOR_ALLOWED_HOSTS', (dialect) => {
  const { state, api, auth, expectRefusedEverywhere } = policyHarness(dialect, { MONITOR_ALLOWED_HOSTS: '*.example.com,169.254.169.254' });
  beforeAll(() => {
    state.usable = 'postgres://mon:pw@db.example.com:5432/db';
  });

  it('refuses 127.0.0.1%00.example.com although its text ends with an allowed suffix', async () => {
    await expectRefusedEverywhere(`postgres://mon:pw-not-to-echo@127.0.0.1%00.example.com:${state.listener.port}/db`, /control character in the host$/);
  });

  it('refuses loopback in every spelling when only other hosts are listed', async () => {
    for (const host of ['127.0.0.1', '[::1]', 'localhost', '127.1']) {
      await expectRefusedEverywhere(`postgres://mon:pw-not-to-echo@${host}:${state.listener.port}/db`, /not allowed by MONITOR_ALLOWED_HOSTS/);
    }
  });

  it('lets a link-local address through when it is listed', async () => {
    await api()
      .post('/api/instances')
      .auth(state.admin, auth)
      .send({ name: 'metadata', connection: { value: 'postgres://mon:pw@169.254.169.254:5432/db' } })
      .expect(201);
  });
});
