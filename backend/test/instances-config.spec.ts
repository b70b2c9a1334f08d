import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './app-harness';
import { setupAdmin } from './auth-helpers';

const CA = '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUTest\n-----END CERTIFICATE-----\n';

describe('instance connection settings', () => {
  let sut: TestApp;
  let admin: string;
  const create = (body: Record<string, unknown>) =>
    request(sut.server)
      .post('/api/instances')
      .auth(admin, { type: 'bearer' })
      .send({ name: 'db', ...body });

  beforeAll(async () => {
    sut = await startTestApp({ env: { MONITOR_ALLOWED_HOSTS: '127.0.0.1,*.db.internal' } });
    admin = await setupAdmin(sut);
  });
  afterAll(async () => sut.close());

  it('refuses URL parameters that would change the monitoring session, without echoing the URL', async () => {
    for (const parameter of ['options=-c%20default_transaction_read_only%3Doff', 'application_name=x', 'sslrootcert=/etc/passwd']) {
      const response = await create({ connection: { value: `postgres://mon:hidden-pw@127.0.0.1:5432/postgres?${parameter}` } }).expect(400);
      expect(response.body.errors[0]).toMatchObject({ path: 'connection.value', message: expect.stringContaining('not allowed') });
      expect(response.text).not.toContain('hidden-pw');
    }
  });

  it('only lets instances point at hosts MONITOR_ALLOWED_HOSTS names', async () => {
    const refused = await create({ connection: { value: 'postgres://mon:pw@203.0.113.9:5432/postgres' } }).expect(400);
    expect(refused.body.errors[0].message).toContain('not allowed by MONITOR_ALLOWED_HOSTS');
    await create({ connection: { value: 'postgres://mon:pw@orders.db.internal:5432/postgres' } }).expect(201);
    await create({ connection: { value: 'postgres://mon:pw@127.0.0.1:5432/postgres' } }).expect(201);
  });

  it('keeps TLS material and hardware facts, describing the key as a secret', async () => {
    const created = await create({
      connection: { value: 'postgres://mon:pw@127.0.0.1:5432/postgres' },
      tls: { mode: 'verify-full', ca: CA, key: { value: '-----BEGIN PRIVATE KEY-----\nsecret-key-material\n-----END PRIVATE KEY-----' } },
      hardware: { vcpu: 8, ramGb: 32, storageType: 'ssd' },
    }).expect(201);
    expect(created.body.tls).toEqual({ mode: 'verify-full', caSet: true, cert: null, key: { source: 'stored', set: true } });
    expect(created.body.hardware).toEqual({ vcpu: 8, ramGb: 32, storageType: 'ssd' });
    expect(created.text).not.toContain('secret-key-material');
    const cleared = await request(sut.server)
      .patch(`/api/instances/${created.body.id}`)
      .auth(admin, { type: 'bearer' })
      .send({ tls: null, hardware: null })
      .expect(200);
    expect(cleared.body).toMatchObject({ tls: null, hardware: null });
  });
});
