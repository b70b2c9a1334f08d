import request from 'supertest';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Principal } from '../src/access/principal';
import { AssistantToolRegistry } from '../src/assistant/tools/assistant-tool-registry';
import { CollectorStatusEntity } from '../src/metrics/collector-status.entity';
import { SnapshotEntity } from '../src/metrics/snapshot.entity';
import { DEFAULT_SETTINGS, session } from './analyzers-fixtures';
import { loadConfig } from '../src/config/config';
import { SECRET_COLUMNS } from '../src/secrets/secret-columns';
import { reencryptAll } from '../src/secrets/secret-rotation';
import { SecretsService } from '../src/secrets/secrets.service';
import { providerKeyOwner } from '../src/assistant/providers.service';
import { startTestApp, TEST_APP_SECRET, TEST_JWT_SECRET, type TestApp } from './app-harness';
import { startFakeLlm, type FakeLlm } from './assistant-fake-llm';
import { createRole, createUser, setupAdmin } from './auth-helpers';
import { describeEachStorage } from './storage-targets';

const KEY = 'sk-test-assistant-key-7f3c9a1b5e';

/**
 * The assistant against a fake OpenAI-compatible server on loopback that scripts a tool call: the answer carries what
 * the tool read, a caller only gets what their scope allows, and the provider key never leaves the request to it.
 */
describeEachStorage('assistant chat API', (dialect) => {
  let sut: TestApp;
  let llm: FakeLlm;
  let admin: string;
  let shop: string;
  let billing: string;
  let providerId: string;
  const seen: string[] = [];

  const api = () => request(sut.server);
  const post = (token: string, path: string, body: object) =>
    api()
      .post(path)
      .auth(token, { type: 'bearer' })
      .send(body)
      .then((response) => {
        seen.push(response.text);
        return response;
      });
  const p = (position: number) => (dialect === 'postgres' ? `$${position}` : '?');
  const ask = (question: string) => ({ providerId, messages: [{ role: 'user', content: question }] });

  /** An idle-in-transaction session in the activity snapshot, analyzed: the instance then has one finding. */
  async function findingOn(instanceId: string, pid: number): Promise<string> {
    const dataSource = sut.app.get(DataSource);
    const snapshots = { activity: [session({ pid, state: 'idle in transaction', state_seconds: 900 })], settings: DEFAULT_SETTINGS };
    for (const [kind, rows] of Object.entries(snapshots)) {
      await dataSource.getRepository(SnapshotEntity).upsert({ instanceId, kind, at: new Date(), rows }, ['instanceId', 'kind']);
      const collectorId = kind === 'settings' ? 'instance' : kind;
      await dataSource
        .getRepository(CollectorStatusEntity)
        .upsert({ instanceId, collectorId, status: 'ok', lastRunAt: new Date(), durationMs: 1, rows: rows.length, error: null, consecutiveFailures: 0 }, [
          'instanceId',
          'collectorId',
        ]);
    }
    await api().post(`/api/instances/${instanceId}/analyze`).auth(admin, { type: 'bearer' }).expect(200);
    const list = await api().get(`/api/instances/${instanceId}/findings`).auth(admin, { type: 'bearer' }).expect(200);
    expect(list.body.items).toHaveLength(1);
    return list.body.items[0].title as string;
  }

  beforeAll(async () => {
    sut = await startTestApp({ dialect });
    llm = await startFakeLlm();
    admin = await setupAdmin(sut);
    const create = async (name: string) =>
      (
        await api()
          .post('/api/instances')
          .auth(admin, { type: 'bearer' })
          .send({ name, connection: { value: 'postgres://monitor:pw@127.0.0.1:5432/postgres' } })
          .expect(201)
      ).body.id as string;
    shop = await create('shop');
    billing = await create('billing');
  });
  afterAll(async () => {
    await sut.close();
    await llm.close();
  });

  it('says plainly that no provider is configured, without calling anything', async () => {
    const response = await post(admin, '/api/assistant', { providerId: 'none', messages: [{ role: 'user', content: 'Anything wrong?' }] });
    expect(response.status).toBe(404);
    expect(response.body.message).toMatch(/No assistant provider is configured/);
    expect(llm.authorizations).toEqual([]);
  });

  it('adds a provider whose key is described, never returned', async () => {
    const created = await post(admin, '/api/assistant/providers', {
      name: 'local',
      kind: 'openai',
      baseUrl: llm.baseUrl,
      model: 'fake',
      apiKey: { value: KEY },
    });
    expect(created.status).toBe(201);
    providerId = created.body.id;
    expect(created.body).toMatchObject({ kind: 'openai', model: 'fake', timeoutSeconds: 60, apiKey: { source: 'stored', set: true } });
    const list = await api().get('/api/assistant/providers').auth(admin, { type: 'bearer' }).expect(200);
    seen.push(list.text);
    expect(list.body.items.map((item: { id: string }) => item.id)).toEqual([providerId]);
    const tested = await post(admin, `/api/assistant/providers/${providerId}/test`, {});
    expect(tested.body).toEqual({ ok: true, error: null });
  });

  it('answers with what the findings tool read: the finding title', async () => {
    const title = await findingOn(shop, 4242);
    llm.script = { toolCall: { name: 'get_findings', input: { instanceId: shop } } };
    const response = await post(admin, `/api/instances/${shop}/assistant`, ask('What is wrong with shop?'));
    expect(response.status, response.text).toBe(200);
    expect(response.body.answer).toContain(title);
    expect(response.body.toolCalls).toEqual([{ name: 'get_findings', input: { instanceId: shop, limit: 20 }, ok: true }]);
    expect(response.body.conversationId).toEqual(expect.any(String));
    expect(llm.authorizations.at(-1)).toBe(`Bearer ${KEY}`);
  });

  it('streams the answer as server-sent events when asked to', async () => {
    llm.script = { toolCall: { name: 'get_findings', input: { instanceId: shop } } };
    const response = await api()
      .post('/api/assistant')
      .auth(admin, { type: 'bearer' })
      .set('accept', 'text/event-stream')
      .send(ask('Anything wrong in the fleet?'))
      .buffer(true)
      .parse((res, done) => {
        let text = '';
        res.on('data', (data: Buffer) => (text += data.toString('utf8')));
        res.on('end', () => done(null, text));
      });
    seen.push(String(response.body));
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/event-stream/);
    const events = String(response.body)
      .split('\n\n')
      .filter((block) => block.trim() !== '')
      .map((block) => ({ event: /^event: (.+)$/m.exec(block)?.[1], data: JSON.parse(/^data: (.+)$/m.exec(block)?.[1] ?? 'null') }));
    expect(events.map((event) => event.event)).toContain('text');
    expect(events.find((event) => event.event === 'tool-call')?.data).toEqual({ name: 'get_findings', input: { instanceId: shop, limit: 20 }, ok: true });
    const done = events.at(-1);
    expect(done?.event).toBe('done');
    expect(done?.data.answer).toContain('idle in transaction');
    const streamed = events.filter((event) => event.event === 'text').map((event) => event.data.delta as string);
    expect(streamed.join('')).toBe(done?.data.answer);
    // The streamed answer is kept like a JSON one: the done event names its conversation.
    const kept = await api().get(`/api/assistant/conversations/${done?.data.conversationId}`).auth(admin, { type: 'bearer' }).expect(200);
    expect(kept.body.messages.at(-1)).toMatchObject({ role: 'assistant', content: done?.data.answer });
  });

  it('refuses a viewer without assistant:read', async () => {
    const viewer = await createUser(sut, admin, [{ roleId: 'builtin-viewer' }]);
    expect((await post(viewer.token, '/api/assistant', ask('Hello?'))).status).toBe(403);
    expect((await post(viewer.token, `/api/instances/${shop}/assistant`, ask('Hello?'))).status).toBe(403);
  });

  it('gives a user scoped to one instance nothing of another, even when the model asks for it', async () => {
    const otherTitle = await findingOn(billing, 5151);
    const roleId = await createRole(sut, admin, ['assistant:read', 'findings:read', 'monitoring:read']);
    const scoped = await createUser(sut, admin, [{ roleId, scope: { instanceIds: [shop] } }]);
    llm.script = { toolCall: { name: 'get_findings', input: { instanceId: billing } } };

    const response = await post(scoped.token, `/api/instances/${shop}/assistant`, ask('And billing?'));
    expect(response.status, response.text).toBe(200);
    expect(response.body.toolCalls).toEqual([{ name: 'get_findings', input: { instanceId: billing, limit: 20 }, ok: false }]);
    expect(response.body.answer).toContain('instance not found');
    expect(response.body.answer).not.toContain(otherTitle);
    expect(response.body.answer).not.toContain('5151');
    // The route itself does not exist for them either.
    expect((await post(scoped.token, `/api/instances/${billing}/assistant`, ask('And billing?'))).status).toBe(404);
  });

  it('keeps statement text from the model when query text is switched off', async () => {
    const dataSource = sut.app.get(DataSource);
    const rows = [session({ pid: 6161, state: 'active', query: 'SELECT diagnosis FROM patients WHERE id = 7' })];
    await dataSource.getRepository(SnapshotEntity).upsert({ instanceId: shop, kind: 'activity', at: new Date(), rows }, ['instanceId', 'kind']);
    llm.script = { toolCall: { name: 'activity', input: { instanceId: shop } } };
    const before = await post(admin, `/api/instances/${shop}/assistant`, ask('What runs now?'));
    expect(before.body.answer).toContain('patients');

    await api()
      .put('/api/collectors/settings')
      .auth(admin, { type: 'bearer' })
      .send({ includeQueryText: false, queryTextMaxLength: 1000, collectors: {} })
      .expect(200);
    const after = await post(admin, `/api/instances/${shop}/assistant`, ask('What runs now?'));
    expect(after.status, after.text).toBe(200);
    expect(after.body.answer).toContain('6161');
    expect(after.body.answer).not.toContain('patients');
    expect(after.body.answer).toContain('query text is switched off');
  });

  it('lists and calls tools for a principal as an MCP server will: only what they may read, nothing beyond their scope', async () => {
    const registry = sut.app.get(AssistantToolRegistry);
    const principal: Principal = {
      sessionId: 'mcp-test',
      userId: null,
      username: 'mcp-client',
      displayName: null,
      emergency: false,
      assignments: [{ roleId: 'r', roleName: 'findings on shop', grants: ['findings:read'], scope: { instanceIds: [shop], tags: [] } }],
      expiresAt: new Date(Date.now() + 60_000),
    };
    expect(registry.list(principal).map((tool) => tool.name)).toEqual(['get_findings']);
    const own = await registry.call('get_findings', { instanceId: shop }, principal, { via: 'mcp' });
    expect(own).toMatchObject({ ok: true, result: { total: 1 } });
    expect(await registry.call('get_findings', { instanceId: billing }, principal, { via: 'mcp' })).toEqual({ ok: false, error: 'instance not found' });
    expect(await registry.call('top_statements', { instanceId: shop }, principal, { via: 'mcp' })).toEqual({
      ok: false,
      error: 'no tool named top_statements is available to you',
    });
    // Every tool reads for someone holding everything; none accepts SQL: inputs are ids, ranges, enums, filters and counts.
    const everything = { ...principal, emergency: true };
    const input = { instanceId: shop, kind: 'tables', metric: 'activity.client_sessions', key: '1:10:42' };
    for (const tool of registry.list(everything)) {
      expect(Object.keys(tool.input.shape), tool.name).not.toContain('sql');
      expect(await registry.call(tool.name, input, everything, { via: 'mcp' }), tool.name).toMatchObject({ ok: true });
    }
    expect(registry.list(everything)).toHaveLength(10);
  });

  it('audits each question and tool call: who, instance, tool, never the answer', async () => {
    const audit = await api().get('/api/audit?limit=200').auth(admin, { type: 'bearer' }).expect(200);
    seen.push(audit.text);
    const events = audit.body.items as Array<{ action: string; outcome: string; actorName: string; targetId: string | null; details: Record<string, unknown> }>;
    const refused = events.filter((event) => event.action === 'assistant.tool.call' && event.outcome === 'failure').map((event) => event.details);
    expect(refused).toContainEqual({ tool: 'get_findings', via: 'assistant', error: 'instance not found' });
    expect(refused).toContainEqual({ tool: 'get_findings', via: 'mcp', error: 'instance not found' });
    expect(events.filter((event) => event.action === 'assistant.ask').length).toBeGreaterThanOrEqual(3);
    const asked = events.filter((event) => event.action === 'assistant.ask' && event.targetId === shop).map((event) => event.details);
    expect(asked).toContainEqual({ providerId, streamed: false, tools: ['get_findings'] });
    const refusedQuestion = events.find((event) => event.action === 'assistant.ask' && event.outcome === 'failure');
    expect(refusedQuestion?.details).toMatchObject({ providerId: 'none', error: expect.stringMatching(/^No assistant provider is configured/) });
    expect(audit.text).not.toContain('From the tool');
    expect(events.map((event) => event.action)).toEqual(expect.arrayContaining(['assistant.provider.create', 'assistant.provider.test']));
  });

  it("reports a refused key or an unreachable provider in its own words, never the provider's text", async () => {
    llm.script = { toolCall: null, refuseKey: true };
    const refused = await post(admin, `/api/instances/${shop}/assistant`, ask('Hello?'));
    expect(refused.status).toBe(502);
    expect(refused.body.message).toBe('The assistant provider local refused the API key (HTTP 401)');
    const streamed = await api().post('/api/assistant').auth(admin, { type: 'bearer' }).set('accept', 'text/event-stream').send(ask('Hello?'));
    seen.push(streamed.text);
    expect(streamed.text).toContain('"message":"The assistant provider local refused the API key (HTTP 401)"');

    const closed = await post(admin, '/api/assistant/providers', { name: 'closed', kind: 'openai', baseUrl: 'http://127.0.0.1:9/v1', model: 'x' });
    const tested = await post(admin, `/api/assistant/providers/${closed.body.id}/test`, {});
    expect(tested.body).toEqual({ ok: false, error: 'The assistant provider closed failed: connection refused' });
    const unknown = await post(admin, '/api/assistant', { providerId: 'no-such-provider', messages: [{ role: 'user', content: 'Hi' }] });
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toBe('Assistant provider not found');
  });

  it('times out a provider that hangs, with a clear message', async () => {
    const patched = await api().patch(`/api/assistant/providers/${providerId}`).auth(admin, { type: 'bearer' }).send({ timeoutSeconds: 1 }).expect(200);
    seen.push(patched.text);
    llm.script = { toolCall: null, hang: true };
    const response = await post(admin, `/api/instances/${shop}/assistant`, ask('Still there?'));
    expect(response.status).toBe(504);
    expect(response.body.message).toBe('The assistant provider local timed out: no answer within 1 s');
    const tested = await post(admin, `/api/assistant/providers/${providerId}/test`, {});
    expect(tested.body).toEqual({ ok: false, error: 'The assistant provider local timed out: no answer within 1 s' });
  });

  it('refuses questions once the daily token budget is spent, saying until when', async () => {
    const listed = await api().get('/api/assistant/providers').auth(admin, { type: 'bearer' }).expect(200);
    const used = listed.body.items.find((item: { id: string }) => item.id === providerId).tokensUsedToday as number;
    expect(used).toBeGreaterThan(0);
    await api().patch(`/api/assistant/providers/${providerId}`).auth(admin, { type: 'bearer' }).send({ maxTokensPerDay: used }).expect(200);
    const response = await post(admin, `/api/instances/${shop}/assistant`, ask('One more?'));
    expect(response.status).toBe(503);
    expect(response.body.message).toBe(`Assistant provider local used its ${used} tokens for today; it is available again at 00:00 UTC`);
  });

  it('never shows the provider key: not in responses, logs, audit, OpenAPI or storage', async () => {
    const openapi = await api().get('/api/docs-json').auth(admin, { type: 'bearer' }).expect(200);
    expect(openapi.text).toContain('/api/assistant/providers');
    seen.push(openapi.text);
    const rows = await sut.app.get(DataSource).query(`SELECT * FROM assistant_provider WHERE id = ${p(1)}`, [providerId]);
    const audit = await sut.app.get(DataSource).query('SELECT * FROM audit_event');
    const providers = await sut.app.get(DataSource).query('SELECT * FROM assistant_provider');
    expect(rows[0].api_key_secret).toMatch(/^\{"source":"stored","ciphertext":"v1\./);
    for (const [where, text] of Object.entries({
      responses: seen.join('\n'),
      logs: sut.rawLogs(),
      storage: JSON.stringify(providers),
      audit: JSON.stringify(audit),
    })) {
      expect(text, where).not.toContain(KEY);
      expect(text, where).not.toContain(KEY.slice(8));
    }
  });

  it('keeps a memory-only key out of storage, takes a key from the environment, and deletes a provider with its key', async () => {
    const memory = await post(admin, '/api/assistant/providers', {
      name: 'memory',
      kind: 'anthropic',
      model: 'claude',
      apiKey: { value: 'sk-ant-memory-only-5c1e', source: 'memory' },
    });
    expect(memory.body.apiKey).toEqual({ source: 'memory', set: true });
    const stored = await sut.app.get(DataSource).query(`SELECT api_key_secret FROM assistant_provider WHERE id = ${p(1)}`, [memory.body.id]);
    expect(stored[0].api_key_secret).toBe('{"source":"memory"}');

    const env = await api()
      .patch(`/api/assistant/providers/${memory.body.id}`)
      .auth(admin, { type: 'bearer' })
      .send({ apiKey: { env: 'INSPECTOR_SECRET_T_ASSISTANT_UNSET' } })
      .expect(200);
    expect(env.body.apiKey).toEqual({
      source: 'env',
      env: 'INSPECTOR_SECRET_T_ASSISTANT_UNSET',
      set: false,
      error: 'environment variable INSPECTOR_SECRET_T_ASSISTANT_UNSET is not set',
    });
    const unusable = await post(admin, '/api/assistant', { providerId: memory.body.id, messages: [{ role: 'user', content: 'Hi' }] });
    expect(unusable.status).toBe(503);
    expect(unusable.body.message).toBe(
      'The API key of assistant provider memory cannot be used: environment variable INSPECTOR_SECRET_T_ASSISTANT_UNSET is not set',
    );

    await api().delete(`/api/assistant/providers/${memory.body.id}`).auth(admin, { type: 'bearer' }).expect(204);
    const after = await api().get('/api/assistant/providers').auth(admin, { type: 'bearer' }).expect(200);
    expect(after.body.items.map((item: { id: string }) => item.id)).not.toContain(memory.body.id);
  });

  // Last: the running app keeps the old key only.
  it('covers the stored key with key rotation: secrets:reencrypt moves it to the new key', async () => {
    const rotated = new SecretsService(
      loadConfig({
        NODE_ENV: 'test',
        APP_SECRET: 'rotated-app-secret-abcdefghijklmnopqrstuvwxyz0123',
        APP_SECRET_PREVIOUS: TEST_APP_SECRET,
        AUTH_JWT_SECRET: TEST_JWT_SECRET,
      }),
    );
    const dataSource = sut.app.get(DataSource);
    const registered = SECRET_COLUMNS.filter((column) => column.table === 'assistant_provider');
    expect(registered).toEqual([{ table: 'assistant_provider', column: 'api_key_secret', idColumn: 'id' }]);
    const report = await reencryptAll(dataSource, registered, rotated.cipher);
    expect(report).toMatchObject({ reencrypted: 1, failed: [] });
    const [row] = await dataSource.query(`SELECT api_key_secret FROM assistant_provider WHERE id = ${p(1)}`, [providerId]);
    expect(rotated.describe(row.api_key_secret as string, providerKeyOwner(providerId))).toEqual({ source: 'stored', set: true });
  });

  it('refuses a base URL written as a cloud metadata address', async () => {
    const response = await post(admin, '/api/assistant/providers', { name: 'meta', kind: 'openai', baseUrl: 'http://169.254.169.254/v1', model: 'x' });
    expect(response.status).toBe(400);
    expect(response.body.errors[0]).toMatchObject({ path: 'baseUrl' });
  });
});
