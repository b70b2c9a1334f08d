import request from 'supertest';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './app-harness';
import { createRole, createUser, setupAdmin } from './auth-helpers';
import { describeEachStorage } from './storage-targets';

const URL = 'postgres://monitor:pw@127.0.0.1:5432/shop';
const NEW_URL = 'postgres://monitor:other-pw@127.0.0.1:5432/shop';

describeEachStorage('instance tags and tag-scoped grants', (dialect) => {
  let sut: TestApp;
  let admin: string;
  let settingsRole: string;
  let connectionRole: string;

  const api = () => request(sut.server);
  const createInstance = async (name: string, tags: string[] = []) =>
    (
      await api()
        .post('/api/instances')
        .auth(admin, { type: 'bearer' })
        .send({ name, connection: { value: URL }, tags })
        .expect(201)
    ).body.id as string;
  const tagsOf = async (id: string) => (await api().get(`/api/instances/${id}`).auth(admin, { type: 'bearer' }).expect(200)).body.tags as string[];

  beforeAll(async () => {
    sut = await startTestApp({ dialect });
    admin = await setupAdmin(sut);
    settingsRole = await createRole(sut, admin, ['instances:read', 'instances.settings:write']);
    connectionRole = await createRole(sut, admin, ['instances.connection:write']);
  });
  afterAll(async () => sut?.close());

  it('refuses a tag that would extend the editor’s own grants, and the connection stays out of reach', async () => {
    const a = await createInstance('a');
    const user = await createUser(sut, admin, [
      { roleId: settingsRole, scope: { instanceIds: [a], tags: [] } },
      { roleId: connectionRole, scope: { instanceIds: [], tags: ['t'] } },
    ]);
    const retag = await api()
      .patch(`/api/instances/${a}`)
      .auth(user.token, { type: 'bearer' })
      .send({ tags: ['t'] });
    expect(retag.status).toBe(403);
    expect(retag.body.message).toContain('instances.connection:write');
    expect(await tagsOf(a)).toEqual([]);
    await api()
      .patch(`/api/instances/${a}`)
      .auth(user.token, { type: 'bearer' })
      .send({ connection: { value: NEW_URL } })
      .expect(403);
    // The same user still edits what settings:write covers, and tags that grant them nothing new.
    await api()
      .patch(`/api/instances/${a}`)
      .auth(user.token, { type: 'bearer' })
      .send({ name: 'a-renamed', tags: ['eu'] })
      .expect(200);
    expect(await tagsOf(a)).toEqual(['eu']);
  });

  it('lets a tag through when the editor already holds on the instance everything it grants them', async () => {
    const a = await createInstance('b', ['old']);
    const readOnTag = await createRole(sut, admin, ['instances.settings:read']);
    const user = await createUser(sut, admin, [
      { roleId: settingsRole, scope: { instanceIds: [a], tags: [] } },
      { roleId: readOnTag, scope: { instanceIds: [], tags: ['t'] } },
    ]);
    await api()
      .patch(`/api/instances/${a}`)
      .auth(user.token, { type: 'bearer' })
      .send({ tags: ['t'] })
      .expect(200);
    expect(await tagsOf(a)).toEqual(['t']);
  });

  it('lets a holder of global instances.settings:write tag any instance', async () => {
    const a = await createInstance('c');
    const user = await createUser(sut, admin, [{ roleId: settingsRole, scope: null }]);
    await api()
      .patch(`/api/instances/${a}`)
      .auth(user.token, { type: 'bearer' })
      .send({ tags: ['t', 'prod'] })
      .expect(200);
    expect(await tagsOf(a)).toEqual(['t', 'prod']);
  });
});
