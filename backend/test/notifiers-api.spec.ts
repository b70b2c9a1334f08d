import request from 'supertest';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DeliveryRetentionService } from '../src/notifiers/delivery-retention.service';
import { FindingNotifier } from '../src/notifiers/finding-notifier';
import { SECRET_COLUMNS } from '../src/secrets/secret-columns';
import { startTestApp, type TestApp } from './app-harness';
import { createRole, createUser, setupAdmin } from './auth-helpers';
import { finding } from './notifiers-fixtures';
import { describeEachStorage } from './storage-targets';

const HMAC_KEY = 'whsec-api-test-known-key-42';
const DAY = 86_400_000;

/** Channels, rules, the delivery log and its retention through the API: validation, secrets, permissions, audit. */
describeEachStorage('notifiers API', (dialect) => {
  let sut: TestApp;
  let admin: string;
  const api = () => request(sut.server);
  const as = (token: string) => ({
    get: (path: string) => api().get(path).auth(token, { type: 'bearer' }),
    post: (path: string) => api().post(path).auth(token, { type: 'bearer' }),
    put: (path: string) => api().put(path).auth(token, { type: 'bearer' }),
    patch: (path: string) => api().patch(path).auth(token, { type: 'bearer' }),
    delete: (path: string) => api().delete(path).auth(token, { type: 'bearer' }),
  });
  const webhookTarget = { type: 'webhook', url: 'https://hooks.example.com/inspector', secret: { value: HMAC_KEY } };
  const emailTarget = {
    type: 'email',
    host: 'smtp.example.com',
    port: 587,
    tls: 'starttls',
    username: 'inspector',
    password: { value: 'smtp-pw-42' },
    from: 'inspector@example.com',
    to: ['dba@example.com'],
  };
  const p = (n: number) => (dialect === 'postgres' ? `$${n}` : '?');

  beforeAll(async () => {
    process.env.INSPECTOR_SECRET_NOTIFIER_TEST_HOOK_KEY = HMAC_KEY;
    sut = await startTestApp({ dialect, env: { NOTIFIER_ALLOWED_HOSTS: '127.0.0.1' } });
    admin = await setupAdmin(sut);
  });
  afterAll(async () => {
    delete process.env.INSPECTOR_SECRET_NOTIFIER_TEST_HOOK_KEY;
    await sut.close();
  });

  it('creates channels with defaults and describes their credentials without returning them', async () => {
    const created = await as(admin).post('/api/notifiers/channels').send({ name: 'hooks', target: webhookTarget }).expect(201);
    expect(created.body).toMatchObject({
      name: 'hooks',
      enabled: true,
      timeoutSeconds: 10,
      throttle: { maxMessages: 10, intervalMinutes: 60 },
      target: { type: 'webhook', url: 'https://hooks.example.com/inspector', secret: { source: 'stored', set: true } },
    });
    const byEnv = await as(admin)
      .post('/api/notifiers/channels')
      .send({ name: 'env', target: { ...webhookTarget, secret: { env: 'INSPECTOR_SECRET_NOTIFIER_TEST_HOOK_KEY' } } })
      .expect(201);
    expect(byEnv.body.target.secret).toEqual({ source: 'env', env: 'INSPECTOR_SECRET_NOTIFIER_TEST_HOOK_KEY', set: true });
    const mail = await as(admin).post('/api/notifiers/channels').send({ name: 'mail', target: emailTarget }).expect(201);
    expect(mail.body.target).toEqual({ ...emailTarget, password: { source: 'stored', set: true } });
    const log = await as(admin)
      .post('/api/notifiers/channels')
      .send({ name: 'log', target: { type: 'log' } })
      .expect(201);
    expect(log.body.target).toEqual({ type: 'log' });
    const fetched = await as(admin).get(`/api/notifiers/channels/${created.body.id}`).expect(200);
    expect(fetched.body).toEqual(created.body);
    for (const text of [created.text, byEnv.text, mail.text, fetched.text]) {
      expect(text).not.toContain(HMAC_KEY);
      expect(text).not.toContain('smtp-pw-42');
    }
    await as(admin).get('/api/notifiers/channels/no-such-channel').expect(404);
  });

  it('refuses targets that would leak or cannot work, naming the field', async () => {
    const refused: Array<[object, string, RegExp]> = [
      [{ ...webhookTarget, url: 'ftp://hooks.example.com/x' }, 'target.url', /http/],
      [{ ...webhookTarget, url: 'https://user:pw@hooks.example.com/x' }, 'target.url', /user name or password/],
      [{ ...webhookTarget, secret: undefined }, 'target.secret', /./],
      [{ ...webhookTarget, secret: { env: 'APP_SECRET' } }, 'target.secret', /./],
      [{ ...emailTarget, tls: 'none' }, 'target.tls', /loopback/],
      [{ ...emailTarget, password: undefined }, 'target.password', /required when a username is set/],
      [{ ...emailTarget, to: ['not-an-address'] }, 'target.to.0', /./],
      [{ type: 'slack', url: { value: 'hooks.example.com/no-scheme' } }, 'target.url.value', /http/],
      [{ type: 'pager' }, 'target.type', /./],
    ];
    for (const [target, path, message] of refused) {
      const response = await as(admin).post('/api/notifiers/channels').send({ name: 'bad', target });
      expect(response.status, JSON.stringify(target)).toBe(400);
      expect(response.body.errors, JSON.stringify(target)).toContainEqual({
        path: expect.stringMatching(new RegExp(`^${path.replace(/\./g, '\\.')}`)),
        message: expect.stringMatching(message),
      });
    }
    await as(admin)
      .post('/api/notifiers/channels')
      .send({ name: 'loopback', target: { ...emailTarget, host: '127.0.0.1', tls: 'none' } })
      .expect(201);
  });

  it('changes a channel: fields left out stay, the type stays, an email password goes only with its username', async () => {
    const hook = await as(admin).post('/api/notifiers/channels').send({ name: 'to-change', target: webhookTarget }).expect(201);
    const read = async () =>
      (
        (await sut.app.get(DataSource).query(`SELECT credential_secret FROM notifier_channel WHERE id = ${p(1)}`, [hook.body.id])) as Array<{
          credential_secret: string;
        }>
      )[0].credential_secret;
    const before = await read();
    const renamed = await as(admin)
      .patch(`/api/notifiers/channels/${hook.body.id}`)
      .send({ name: 'renamed', throttle: { maxMessages: 2, intervalMinutes: 15 } })
      .expect(200);
    expect(renamed.body).toMatchObject({ name: 'renamed', throttle: { maxMessages: 2, intervalMinutes: 15 }, target: { secret: { set: true } } });
    await as(admin)
      .patch(`/api/notifiers/channels/${hook.body.id}`)
      .send({ target: { type: 'webhook', url: 'https://hooks.example.com/moved' } })
      .expect(200);
    expect(await read()).toBe(before);
    const typeChange = await as(admin)
      .patch(`/api/notifiers/channels/${hook.body.id}`)
      .send({ target: { type: 'log' } })
      .expect(400);
    expect(typeChange.body.errors).toContainEqual({ path: 'target.type', message: expect.stringMatching(/webhook channel/) });

    const mail = await as(admin).post('/api/notifiers/channels').send({ name: 'mail-to-change', target: emailTarget }).expect(201);
    await as(admin)
      .patch(`/api/notifiers/channels/${mail.body.id}`)
      .send({ target: { ...emailTarget, password: null } })
      .expect(400);
    const anonymous = await as(admin)
      .patch(`/api/notifiers/channels/${mail.body.id}`)
      .send({ target: { ...emailTarget, username: null, password: null } })
      .expect(200);
    expect(anonymous.body.target).toMatchObject({ username: null, password: null });
    const needsPassword = await as(admin)
      .patch(`/api/notifiers/channels/${mail.body.id}`)
      .send({ target: { ...emailTarget, password: undefined } })
      .expect(400);
    expect(needsPassword.body.errors).toContainEqual({ path: 'target.password', message: 'is required when a username is set' });
  });

  it('binds a stored credential to its channel: copied to another row it cannot be opened', async () => {
    expect(SECRET_COLUMNS).toContainEqual({ table: 'notifier_channel', column: 'credential_secret', idColumn: 'id' });
    const a = await as(admin).post('/api/notifiers/channels').send({ name: 'a', target: webhookTarget }).expect(201);
    const b = await as(admin)
      .post('/api/notifiers/channels')
      .send({ name: 'b', target: { ...webhookTarget, secret: { value: 'another-key' } } })
      .expect(201);
    const dataSource = sut.app.get(DataSource);
    await dataSource.query(
      `UPDATE notifier_channel SET credential_secret = (SELECT credential_secret FROM notifier_channel WHERE id = ${p(1)}) WHERE id = ${p(2)}`,
      [a.body.id, b.body.id],
    );
    const copied = await as(admin).get(`/api/notifiers/channels/${b.body.id}`).expect(200);
    expect(copied.body.target.secret).toMatchObject({ source: 'stored', set: false, error: expect.any(String) });
  });

  it('manages rules, and a deleted channel takes its rules and deliveries with it', async () => {
    const hook = await as(admin).post('/api/notifiers/channels').send({ name: 'ruled', target: webhookTarget }).expect(201);
    const rule = await as(admin)
      .post('/api/notifiers/rules')
      .send({ name: 'critical prod', channelId: hook.body.id, tags: ['prod', 'prod'] })
      .expect(201);
    expect(rule.body).toMatchObject({
      channelId: hook.body.id,
      enabled: true,
      minSeverity: 'warning',
      instanceIds: [],
      tags: ['prod'],
      analyzerIds: [],
      events: ['opened', 'escalated', 'resolved'],
    });
    const changed = await as(admin)
      .patch(`/api/notifiers/rules/${rule.body.id}`)
      .send({ minSeverity: 'critical', events: ['opened'], analyzerIds: ['wraparound'] })
      .expect(200);
    expect(changed.body).toMatchObject({ name: 'critical prod', minSeverity: 'critical', events: ['opened'], analyzerIds: ['wraparound'] });
    const missing = await as(admin).post('/api/notifiers/rules').send({ name: 'nowhere', channelId: 'no-such-channel' }).expect(400);
    expect(missing.body.errors).toEqual([{ path: 'channelId', message: 'no such channel' }]);
    await as(admin).post('/api/notifiers/rules').send({ name: 'bad', channelId: hook.body.id, minSeverity: 'fatal' }).expect(400);
    await as(admin).patch('/api/notifiers/rules/no-such-rule').send({ name: 'x' }).expect(404);

    await as(admin)
      .patch(`/api/notifiers/rules/${rule.body.id}`)
      .send({ minSeverity: 'info', events: ['opened'], analyzerIds: [], tags: [] })
      .expect(200);
    expect(await sut.app.get(FindingNotifier).enqueue({ opened: [finding('any-instance')], escalated: [], resolved: [] })).toBeGreaterThanOrEqual(1);
    const logged = await as(admin).get('/api/notifiers/deliveries').query({ channel: hook.body.id, status: 'pending' }).expect(200);
    expect(logged.body).toMatchObject({ total: 1, limit: 50, offset: 0, items: [{ channelName: 'ruled', status: 'pending', attempts: 0, events: 1 }] });

    await as(admin).delete(`/api/notifiers/channels/${hook.body.id}`).expect(204);
    const rules = await as(admin).get('/api/notifiers/rules').expect(200);
    expect(rules.body.items.map((item: { id: string }) => item.id)).not.toContain(rule.body.id);
    expect((await as(admin).get('/api/notifiers/deliveries').query({ channel: hook.body.id }).expect(200)).body.total).toBe(0);
    await as(admin).delete(`/api/notifiers/rules/${rule.body.id}`).expect(404);
  });

  it('lets readers read, writers write, and nobody outside a global grant see the delivery log', async () => {
    const viewer = await createUser(sut, admin, [{ roleId: 'builtin-viewer' }]);
    await as(viewer.token).get('/api/notifiers/channels').expect(200);
    await as(viewer.token).get('/api/notifiers/deliveries').expect(200);
    await as(viewer.token)
      .post('/api/notifiers/channels')
      .send({ name: 'x', target: { type: 'log' } })
      .expect(403);
    const channels = await as(admin).get('/api/notifiers/channels').expect(200);
    await as(viewer.token).post(`/api/notifiers/channels/${channels.body.items[0].id}/test`).expect(403);
    await as(viewer.token).post('/api/notifiers/rules').send({ name: 'x', channelId: channels.body.items[0].id }).expect(403);

    const scoped = await createUser(sut, admin, [{ roleId: 'builtin-viewer', scope: { tags: ['prod'] } }]);
    await as(scoped.token).get('/api/notifiers/deliveries').expect(403);
    const unrelated = await createUser(sut, admin, [{ roleId: await createRole(sut, admin, ['instances:read']) }]);
    await as(unrelated.token).get('/api/notifiers/channels').expect(403);
  });

  it('audits channel, rule and retention changes without secret values', async () => {
    const audit = await as(admin).get('/api/audit').query({ limit: 500 }).expect(200);
    const actions = audit.body.items.map((event: { action: string }) => event.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'notifier.channel.create',
        'notifier.channel.update',
        'notifier.channel.secret.update',
        'notifier.channel.delete',
        'notifier.rule.create',
        'notifier.rule.update',
      ]),
    );
    const create = audit.body.items.find(
      (event: { action: string; details: { name?: string } }) => event.action === 'notifier.channel.create' && event.details.name === 'hooks',
    );
    expect(create.details).toEqual({ name: 'hooks', type: 'webhook', secretSource: 'stored' });
    expect(audit.text).not.toContain(HMAC_KEY);
    expect(audit.text).not.toContain('smtp-pw-42');
  });

  it('keeps delivery log entries for the configured number of days', async () => {
    expect((await as(admin).get('/api/notifiers/retention').expect(200)).body).toEqual({ deliveryRetentionDays: 30 });
    const operator = await createUser(sut, admin, [{ roleId: 'builtin-operator' }]);
    await as(operator.token).put('/api/notifiers/retention').send({ deliveryRetentionDays: 1 }).expect(403);
    await as(admin).put('/api/notifiers/retention').send({ deliveryRetentionDays: 0 }).expect(400);
    expect((await as(admin).put('/api/notifiers/retention').send({ deliveryRetentionDays: 7 }).expect(200)).body).toEqual({ deliveryRetentionDays: 7 });

    const hook = await as(admin).post('/api/notifiers/channels').send({ name: 'kept', target: webhookTarget }).expect(201);
    await as(admin).post('/api/notifiers/rules').send({ name: 'all', channelId: hook.body.id, minSeverity: 'info' }).expect(201);
    await sut.app.get(FindingNotifier).enqueue({ opened: [finding('any-instance')], escalated: [], resolved: [] });
    const count = async () => (await as(admin).get('/api/notifiers/deliveries').query({ channel: hook.body.id }).expect(200)).body.total as number;
    expect(await count()).toBe(1);
    const retention = sut.app.get(DeliveryRetentionService);
    await retention.purgeExpired(new Date(Date.now() + 6 * DAY));
    expect(await count()).toBe(1);
    expect(await retention.purgeExpired(new Date(Date.now() + 8 * DAY))).toBeGreaterThanOrEqual(1);
    expect(await count()).toBe(0);
    const audit = await as(admin).get('/api/audit').query({ action: 'notifier.retention.update' }).expect(200);
    expect(audit.body.items[0].details).toEqual({ deliveryRetentionDays: 7 });
  });
});
