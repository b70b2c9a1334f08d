import request from 'supertest';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SecretsStartupCheck } from '../src/secrets/secrets-startup.check';
import { startTestApp, type TestApp } from './app-harness';
import { setupAdmin } from './auth-helpers';
import { describeEachStorage } from './storage-targets';

const SERVER_VARIABLES = ['PATH', 'HOME'];
const PREFIX_RULE = /must start with INSPECTOR_SECRET_ \(SECRET_ENV_PREFIX\)/;

/** Issue 11 item 14: with the default configuration, no secret field may read the server's own environment. */
describeEachStorage('environment references need the INSPECTOR_SECRET_ prefix by default', (dialect) => {
  let sut: TestApp;
  let admin: string;
  const post = (path: string) => request(sut.server).post(path).auth(admin, { type: 'bearer' });
  const get = (path: string) => request(sut.server).get(path).auth(admin, { type: 'bearer' });
  const webhook = (secret: object) => ({ type: 'webhook', url: 'https://hooks.example.com/inspector', secret });
  const smtp = (password: object) => ({
    type: 'email',
    host: 'smtp.example.com',
    port: 587,
    tls: 'starttls',
    username: 'u',
    password,
    from: 'i@example.com',
    to: ['d@example.com'],
  });
  const p = (n: number) => (dialect === 'postgres' ? `$${n}` : '?');

  beforeAll(async () => {
    process.env.INSPECTOR_SECRET_PREFIX_TEST = 'postgres://monitor:pw@127.0.0.1:5432/postgres';
    sut = await startTestApp({ dialect });
    admin = await setupAdmin(sut);
  });
  afterAll(async () => {
    delete process.env.INSPECTOR_SECRET_PREFIX_TEST;
    await sut.close();
  });

  it('refuses PATH and HOME as a connection, a webhook key or an SMTP password with a 400 naming the prefix', async () => {
    for (const env of SERVER_VARIABLES) {
      const attempts = [
        post('/api/instances').send({ name: `steal-${env}`, connection: { env } }),
        post('/api/notifiers/channels').send({ name: `hook-${env}`, target: webhook({ env }) }),
        post('/api/notifiers/channels').send({ name: `mail-${env}`, target: smtp({ env }) }),
      ];
      for (const response of await Promise.all(attempts)) {
        expect(response.status, `${env}: ${response.text}`).toBe(400);
        expect(JSON.stringify(response.body.errors)).toMatch(PREFIX_RULE);
        expect(response.text).not.toContain(process.env[env]!);
      }
    }
    expect((await get('/api/instances').expect(200)).body.items).toHaveLength(0);
    expect((await get('/api/notifiers/channels').expect(200)).body.items).toHaveLength(0);
  });

  it('accepts a variable carrying the prefix', async () => {
    const created = await post('/api/instances')
      .send({ name: 'by-prefix', connection: { env: 'INSPECTOR_SECRET_PREFIX_TEST' } })
      .expect(201);
    expect(created.body.connection).toEqual({ source: 'env', env: 'INSPECTOR_SECRET_PREFIX_TEST', set: true });
  });

  it('refuses at use a reference to HOME that reached storage some other way, without reading it', async () => {
    const instance = await post('/api/instances')
      .send({ name: 'edited', connection: { value: 'postgres://monitor:pw@127.0.0.1:5432/postgres' } })
      .expect(201);
    const channel = await post('/api/notifiers/channels')
      .send({ name: 'edited', target: webhook({ value: 'whsec-known' }) })
      .expect(201);
    const dataSource = sut.app.get(DataSource);
    const homeReference = JSON.stringify({ source: 'env', env: 'HOME' });
    await dataSource.query(`UPDATE instance SET connection_secret = ${p(1)} WHERE id = ${p(2)}`, [homeReference, instance.body.id]);
    await dataSource.query(`UPDATE notifier_channel SET credential_secret = ${p(1)} WHERE id = ${p(2)}`, [homeReference, channel.body.id]);

    const described = (await get(`/api/instances/${instance.body.id}`).expect(200)).body.connection;
    expect(described).toEqual({ source: 'env', env: 'HOME', set: false, error: expect.stringMatching(PREFIX_RULE) });
    const secret = (await get(`/api/notifiers/channels/${channel.body.id}`).expect(200)).body.target.secret;
    expect(secret).toEqual({ source: 'env', env: 'HOME', set: false, error: expect.stringMatching(PREFIX_RULE) });
    const tested = await post(`/api/notifiers/channels/${channel.body.id}/test`).send({});
    expect(tested.text).not.toContain(process.env.HOME!);
    expect(tested.text).toMatch(/INSPECTOR_SECRET_|cannot be used/);

    // The next start tells the operator, who may have stored such references before the default prefix applied.
    await sut.app.get(SecretsStartupCheck).onApplicationBootstrap();
    const warning = sut.logs.find((line) => line.context === 'Secrets' && String(line.msg).includes('SECRET_ENV_PREFIX'));
    expect(warning).toMatchObject({
      level: 40,
      msg: expect.stringMatching(/^2 secret\(s\) refer to environment variables not starting with INSPECTOR_SECRET_/),
    });
  });
});
