import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:net';
import { Client } from 'pg';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildClientConfig, type MonitorTls, parseConnectionUrl } from '../src/collectors/connection-config';
import { Secret } from '../src/crypto/secret';
import { startTestApp, type TestApp } from './app-harness';
import { setupAdmin } from './auth-helpers';
import { describeEachStorage } from './storage-targets';
import { ensureTlsCluster, type TlsCluster } from './tls-cluster';

const LIMITS = { statementTimeoutMs: 5_000, lockTimeoutMs: 1_000, idleInTransactionTimeoutMs: 5_000, connectTimeoutMs: 5_000 };
const sslOf = (url: string, tls?: MonitorTls) => buildClientConfig(parseConnectionUrl(Secret.of(url)), tls, LIMITS).ssl;

describe('TLS mode when neither the URL nor the TLS setting names one', () => {
  it.each(['db.example.com', '10.0.0.5', '[2001:db8::5]', 'localhost.example.com', '127.0.0.1.nip.io'])('encrypts towards the remote host %s', (host) => {
    expect(sslOf(`postgres://m:pw@${host}:5432/app`)).toEqual({ rejectUnauthorized: false });
  });

  it.each(['127.0.0.1', '127.8.9.10', '[::1]', '[::ffff:127.0.0.1]', 'localhost', 'LocalHost'])('stays plain towards the loopback host %s', (host) => {
    expect(sslOf(`postgres://m:pw@${host}:5432/app`)).toBe(false);
  });

  it('still obeys an explicit mode, from the URL or the TLS setting', () => {
    expect(sslOf('postgres://m@db.example.com/app?sslmode=disable')).toBe(false);
    expect(sslOf('postgres://m@db.example.com/app', { mode: 'disable' })).toBe(false);
    expect(sslOf('postgres://m@127.0.0.1/app?sslmode=require')).toEqual({ rejectUnauthorized: false });
  });

  it('refuses a remote server without TLS instead of falling back: nothing but the TLS request reaches it', async () => {
    const { server, port, received } = await plainTextOnlyServer();
    try {
      const config = buildClientConfig(parseConnectionUrl(Secret.of('postgres://inspector:hunter2@db.example.com/app')), undefined, LIMITS);
      const client = new Client({ ...config, host: '127.0.0.1', port });
      client.on('error', () => undefined);
      await expect(client.connect()).rejects.toThrow(/does not support SSL/);
      expect(received()).toEqual(SSL_REQUEST);
    } finally {
      server.close();
    }
  });
});

/** PostgreSQL's SSLRequest packet: length 8, code 80877103. */
const SSL_REQUEST = Buffer.from([0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f]);

/** A server that, like PostgreSQL with ssl = off, answers the TLS request with "N"; it records every byte it gets. */
async function plainTextOnlyServer(): Promise<{ server: Server; port: number; received: () => Buffer }> {
  const chunks: Buffer[] = [];
  const server = createServer((socket) => {
    socket.on('error', () => undefined);
    socket.on('data', (chunk) => {
      chunks.push(chunk);
      if (Buffer.concat(chunks).equals(SSL_REQUEST)) socket.write('N');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return { server, port: address.port, received: () => Buffer.concat(chunks) };
}

const cluster = ensureTlsCluster();
if ('unavailable' in cluster) console.warn(`Skipping the tests against a TLS-enabled PostgreSQL: ${cluster.unavailable}`);

describe.skipIf('unavailable' in cluster)('against a TLS-enabled PostgreSQL', () => {
  const tls = cluster as TlsCluster;
  /** An administrator session on the TLS cluster, verifying it like any careful client would. */
  const observer = () => new Client({ host: 'localhost', port: tls.port, user: 'postgres', database: 'postgres', ssl: { ca: tls.ca } });
  let admin: Client;
  let database: string;

  beforeAll(async () => {
    admin = observer();
    await admin.connect();
    // A database of our own, so the sessions we count are ours (the name is ours: [a-z0-9_] only).
    database = `inspector_tls_${randomBytes(4).toString('hex')}`;
    await admin.query(`CREATE DATABASE ${database}`);
  });

  afterAll(async () => {
    if (database) await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin?.end();
  });

  it('encrypts the session the default gives a remote host name', async () => {
    const config = buildClientConfig(parseConnectionUrl(Secret.of(`postgres://postgres@db.example.com/${database}`)), undefined, LIMITS);
    // Only loopback exists here: the configuration built for the remote name, pointed at the local TLS cluster.
    const client = new Client({ ...config, host: '127.0.0.1', port: tls.port });
    await client.connect();
    try {
      const { rows } = await client.query<{ ssl: boolean }>('SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()');
      expect(rows).toEqual([{ ssl: true }]);
    } finally {
      await client.end();
    }
  });

  describeEachStorage('monitored instances with TLS settings', (dialect) => {
    let sut: TestApp;
    let token: string;
    const url = (host: string, db = 'postgres') => `postgres://postgres:unused-pw@${host}:${tls.port}/${db}`;
    const register = async (connection: string, tlsSetting?: Record<string, string>) => {
      const response = await request(sut.server)
        .post('/api/instances')
        .auth(token, { type: 'bearer' })
        .send({ name: `tls-${randomBytes(3).toString('hex')}`, connection: { value: connection }, ...(tlsSetting ? { tls: tlsSetting } : {}) });
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      return response.body.id as string;
    };
    const probe = async (id: string) =>
      (await request(sut.server).post(`/api/instances/${id}/test`).auth(token, { type: 'bearer' }).expect(200)).body as { ok: boolean; error?: string };
    /** Whether each of Inspector's sessions on our database is encrypted, as the server sees it. */
    const inspectorSessions = async () =>
      (
        await admin.query<{ ssl: boolean }>(
          `SELECT s.ssl FROM pg_stat_activity a JOIN pg_stat_ssl s USING (pid) WHERE a.datname = $1 AND a.application_name = 'inspector'`,
          [database],
        )
      ).rows.map((row) => row.ssl);

    beforeAll(async () => {
      sut = await startTestApp({ dialect, env: { MONITOR_ALLOWED_HOSTS: 'localhost,127.0.0.1' } });
      token = await setupAdmin(sut);
    });
    afterAll(async () => sut?.close());

    it('collects over an encrypted session with require, and over a plain one with the loopback default', async () => {
      const encrypted = await register(url('127.0.0.1', database), { mode: 'require' });
      await request(sut.server).post(`/api/instances/${encrypted}/collect`).auth(token, { type: 'bearer' }).expect(200);
      expect(await inspectorSessions()).toEqual([true]);
      await request(sut.server).delete(`/api/instances/${encrypted}`).auth(token, { type: 'bearer' }).expect(204);
      await expect.poll(inspectorSessions).toEqual([]);

      const plain = await register(url('127.0.0.1', database));
      await request(sut.server).post(`/api/instances/${plain}/collect`).auth(token, { type: 'bearer' }).expect(200);
      expect(await inspectorSessions()).toEqual([false]);
      await request(sut.server).delete(`/api/instances/${plain}`).auth(token, { type: 'bearer' }).expect(204);
      await expect.poll(inspectorSessions).toEqual([]);
    });

    it('verify-ca connects with the CA that issued the server certificate and refuses another CA', async () => {
      // 127.0.0.1 is not on the certificate: verify-ca checks the chain only.
      expect(await probe(await register(url('127.0.0.1'), { mode: 'verify-ca', ca: tls.ca }))).toMatchObject({ ok: true });
      expect(await probe(await register(url('127.0.0.1'), { mode: 'verify-ca', ca: tls.otherCa }))).toMatchObject({ ok: false });
    });

    it('verify-full connects to localhost, the name on the certificate, and refuses 127.0.0.1', async () => {
      expect(await probe(await register(url('localhost'), { mode: 'verify-full', ca: tls.ca }))).toMatchObject({ ok: true });
      expect(await probe(await register(url('127.0.0.1'), { mode: 'verify-full', ca: tls.ca }))).toMatchObject({ ok: false });
    });
  });
});
