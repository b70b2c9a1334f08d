import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { getDataSourceToken } from '@nestjs/typeorm';
import { INSTANCE_ROWS_CACHE_MS } from '../src/instances/instance-rows';
import { startTestApp, type TestApp } from './app-harness';
import { createRole, createUser, setupAdmin } from './auth-helpers';
import { describeEachStorage } from './storage-targets';

/**
 * The instance rows behind the access guard and the instance list are a copy kept for a few seconds
 * (instances/instance-rows.ts): changes through the API apply at once, changes made elsewhere within the copy's age.
 */
describeEachStorage('instance lookups from the shared copy of the rows', (dialect) => {
  let sut: TestApp;
  let admin: string;
  let viewer: string;
  let dataSource: DataSource;

  const api = () => request(sut.server);
  const listed = async (token: string) =>
    ((await api().get('/api/instances').auth(token, { type: 'bearer' }).expect(200)).body.items as Array<{ name: string }>).map((item) => item.name).sort();
  const statusCode = async (token: string, id: string) => (await api().get(`/api/instances/${id}/status`).auth(token, { type: 'bearer' })).status;
  const create = async (name: string, tags: string[]) =>
    (
      await api()
        .post('/api/instances')
        .auth(admin, { type: 'bearer' })
        .send({ name, connection: { value: 'postgres://m@127.0.0.1/db' }, tags })
        .expect(201)
    ).body.id as string;
  const retag = (id: string, tags: string[]) => api().patch(`/api/instances/${id}`).auth(admin, { type: 'bearer' }).send({ tags }).expect(200);

  beforeAll(async () => {
    sut = await startTestApp({ dialect });
    admin = await setupAdmin(sut);
    dataSource = sut.app.get<DataSource>(getDataSourceToken());
    const role = await createRole(sut, admin, ['instances:read', 'monitoring:read']);
    viewer = (await createUser(sut, admin, [{ roleId: role, scope: { instanceIds: [], tags: ['prod'] } }])).token;
  });
  afterAll(async () => sut?.close());

  it('applies a create, a retag and a delete made through the API at the next request', async () => {
    expect(await listed(viewer)).not.toContain('rows-api');
    const id = await create('rows-api', ['prod']);
    expect(await listed(viewer)).toContain('rows-api');
    expect(await statusCode(viewer, id)).toBe(200);

    await retag(id, ['dev']);
    expect(await listed(viewer)).not.toContain('rows-api');
    expect(await statusCode(viewer, id)).not.toBe(200);

    await retag(id, ['prod']);
    expect(await statusCode(viewer, id)).toBe(200);
    await api().delete(`/api/instances/${id}`).auth(admin, { type: 'bearer' }).expect(204);
    expect(await listed(admin)).not.toContain('rows-api');
    expect(await statusCode(admin, id)).toBe(404);
  });

  it('answers at once for an instance created outside this app server (another replica), whatever the copy holds', async () => {
    const id = await create('rows-original', ['prod']);
    expect(await listed(viewer)).toContain('rows-original');
    const copy = randomUUID();
    const columns = 'name, engine, connection_secret, tags, tls_mode, tls_ca, tls_cert_secret, tls_key_secret, hardware, created_at, updated_at';
    await dataSource.query(
      `INSERT INTO instance (id, ${columns}) SELECT ${dialect === 'postgres' ? '$1' : '?'}, ${columns.replace('name', "name || '-copy'")} FROM instance WHERE id = ${dialect === 'postgres' ? '$2' : '?'}`,
      [copy, id],
    );
    expect(await statusCode(viewer, copy)).toBe(200);
    expect(await listed(viewer)).toContain('rows-original-copy');
  });

  it('applies a retag made outside this app server (SQL by hand) within INSTANCE_ROWS_CACHE_MS', async () => {
    const id = await create('rows-by-hand', ['prod']);
    expect(await statusCode(viewer, id)).toBe(200);
    await dataSource.query(dialect === 'postgres' ? 'UPDATE instance SET tags = $1 WHERE id = $2' : 'UPDATE instance SET tags = ? WHERE id = ?', [
      JSON.stringify(['dev']),
      id,
    ]);
    const changedAt = Date.now();
    while ((await statusCode(viewer, id)) === 200) {
      expect(Date.now() - changedAt).toBeLessThan(INSTANCE_ROWS_CACHE_MS + 1_000);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(await listed(viewer)).not.toContain('rows-by-hand');
  });
});
