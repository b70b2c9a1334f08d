import request from 'supertest';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ConversationsService } from '../src/assistant/conversations/conversations.service';
import { startTestApp, type TestApp } from './app-harness';
import { startFakeLlm, type FakeLlm } from './assistant-fake-llm';
import { createRole, createUser, login, setupAdmin } from './auth-helpers';
import { describeEachStorage } from './storage-targets';

const EMERGENCY = { username: 'breakglass', password: 'only-for-the-worst-night-2026' };
const RETENTION_DAYS = 7;
const DAY_MS = 86_400_000;

/**
 * Conversations with the assistant are kept per user: each answer lands in one, the owner lists, reads, continues and
 * deletes it, nobody else even learns it exists, and it is gone after the retention.
 */
describeEachStorage('assistant conversations', (dialect) => {
  let sut: TestApp;
  let llm: FakeLlm;
  let admin: string;
  let shop: string;
  let billing: string;
  let providerId: string;
  let roleId: string;

  const api = () => request(sut.server);
  const p = (position: number) => (dialect === 'postgres' ? `$${position}` : '?');
  const query = (sql: string, parameters: unknown[] = []) => sut.app.get(DataSource).query(sql, parameters) as Promise<Array<Record<string, unknown>>>;
  const ask = (token: string, path: string, question: string, conversationId?: string) =>
    api()
      .post(path)
      .auth(token, { type: 'bearer' })
      .send({ providerId, messages: [{ role: 'user', content: question }], ...(conversationId ? { conversationId } : {}) });
  const list = (token: string, search = '') => api().get(`/api/assistant/conversations${search}`).auth(token, { type: 'bearer' });
  const read = (token: string, id: string) => api().get(`/api/assistant/conversations/${id}`).auth(token, { type: 'bearer' });
  const remove = (token: string, id = '') =>
    api()
      .delete(`/api/assistant/conversations${id ? `/${id}` : ''}`)
      .auth(token, { type: 'bearer' });
  const operator = () => createUser(sut, admin, [{ roleId }]);

  beforeAll(async () => {
    sut = await startTestApp({
      dialect,
      env: { ASSISTANT_CONVERSATION_RETENTION_DAYS: String(RETENTION_DAYS), AUTH_EMERGENCY_USER: EMERGENCY.username, AUTH_EMERGENCY_PASS: EMERGENCY.password },
    });
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
    const provider = await api()
      .post('/api/assistant/providers')
      .auth(admin, { type: 'bearer' })
      .send({ name: 'local', kind: 'openai', baseUrl: llm.baseUrl, model: 'fake' })
      .expect(201);
    providerId = provider.body.id;
    roleId = await createRole(sut, admin, ['assistant:read', 'instances:read']);
  });
  afterAll(async () => {
    await sut.close();
    await llm.close();
  });

  it('keeps an answer in a new conversation the asker lists and reads, with the tools it called', async () => {
    llm.script = { toolCall: { name: 'list_instances', input: {} } };
    const answered = await ask(admin, `/api/instances/${shop}/assistant`, '  Why is   shop slow\ntonight?  ');
    expect(answered.status, answered.text).toBe(200);
    const conversationId = answered.body.conversationId as string;
    expect(conversationId).toEqual(expect.any(String));

    const page = await list(admin).expect(200);
    expect(page.body).toMatchObject({ total: 1, limit: 50, offset: 0 });
    const [summary] = page.body.items;
    expect(summary).toMatchObject({ id: conversationId, title: 'Why is shop slow tonight?', instanceId: shop, messageCount: 2 });
    expect(Date.parse(summary.expiresAt) - Date.parse(summary.updatedAt)).toBe(RETENTION_DAYS * DAY_MS);

    const conversation = await read(admin, conversationId).expect(200);
    expect(conversation.body).toMatchObject({ providerId, instanceId: shop });
    expect(conversation.body.messages).toEqual([
      { role: 'user', content: '  Why is   shop slow\ntonight?  ' },
      { role: 'assistant', content: answered.body.answer, toolCalls: [{ name: 'list_instances', input: {}, ok: true }] },
    ]);
    expect(conversation.body.messages[1].content).toContain('shop');
  });

  it('continues a conversation: the model is given what was kept, and the new exchange is appended', async () => {
    llm.script = { toolCall: null };
    const first = await ask(admin, '/api/assistant', 'First question about the fleet').expect(200);
    const before = (await read(admin, first.body.conversationId).expect(200)).body;

    const second = await ask(admin, '/api/assistant', 'And a follow-up?', first.body.conversationId).expect(200);
    expect(second.body.conversationId).toBe(first.body.conversationId);
    expect(llm.conversations.at(-1)?.map((message) => message.content)).toEqual([
      expect.stringContaining('Inspector'),
      'First question about the fleet',
      'OK',
      'And a follow-up?',
    ]);
    const after = (await read(admin, first.body.conversationId).expect(200)).body;
    expect(after).toMatchObject({ title: 'First question about the fleet', instanceId: null, messageCount: 4, createdAt: before.createdAt });
    expect(after.messages.map((message: { content: string }) => message.content)).toEqual(['First question about the fleet', 'OK', 'And a follow-up?', 'OK']);
    expect(Date.parse(after.updatedAt)).toBeGreaterThanOrEqual(Date.parse(before.updatedAt));
    expect(Date.parse(after.expiresAt)).toBe(Date.parse(after.updatedAt) + RETENTION_DAYS * DAY_MS);
    // Newest first: the continued conversation leads the list.
    expect((await list(admin).expect(200)).body.items[0].id).toBe(first.body.conversationId);
    expect((await list(admin, `?instanceId=${shop}`).expect(200)).body.items.map((item: { instanceId: string }) => item.instanceId)).toEqual([shop]);
  });

  it('keeps every answer when questions continue the same conversation at once', async () => {
    llm.script = { toolCall: null };
    const started = await ask(admin, '/api/assistant', 'Opening question').expect(200);
    const id = started.body.conversationId as string;
    llm.script = { toolCall: null, answerTogether: 3 };
    const answers = await Promise.all(['Parallel one', 'Parallel two', 'Parallel three'].map((question) => ask(admin, '/api/assistant', question, id)));
    expect(answers.map((answer) => [answer.status, answer.body.conversationId])).toEqual(Array(3).fill([200, id]));
    const kept = (await read(admin, id).expect(200)).body;
    expect(kept.messageCount).toBe(8);
    expect(
      kept.messages
        .filter((message: { role: string }) => message.role === 'user')
        .map((message: { content: string }) => message.content)
        .sort(),
    ).toEqual(['Opening question', 'Parallel one', 'Parallel three', 'Parallel two']);
  });

  it("hides one user's conversations from another: none listed, 404 on reading, deleting and continuing them", async () => {
    llm.script = { toolCall: null };
    const owner = await operator();
    const mine = (await ask(owner.token, `/api/instances/${shop}/assistant`, 'Private question').expect(200)).body.conversationId as string;
    const other = await operator();

    expect((await list(other.token).expect(200)).body).toMatchObject({ items: [], total: 0 });
    expect((await read(other.token, mine)).status).toBe(404);
    expect((await remove(other.token, mine)).status).toBe(404);
    const calls = llm.authorizations.length;
    const continued = await ask(other.token, `/api/instances/${shop}/assistant`, 'Let me in', mine);
    expect(continued.status).toBe(404);
    expect(continued.body.message).toBe('Conversation not found');
    expect(llm.authorizations).toHaveLength(calls);
    // Deleting all of theirs leaves mine alone.
    await remove(other.token).expect(204);
    expect((await read(owner.token, mine).expect(200)).body.messageCount).toBe(2);
  });

  it('answers 404 for a conversation about an instance the owner was narrowed off, and for continuing it elsewhere', async () => {
    llm.script = { toolCall: null };
    const owner = await operator();
    const aboutShop = (await ask(owner.token, `/api/instances/${shop}/assistant`, 'About shop').expect(200)).body.conversationId as string;
    const fleet = (await ask(owner.token, '/api/assistant', 'About everything').expect(200)).body.conversationId as string;
    expect((await ask(owner.token, `/api/instances/${billing}/assistant`, 'Now billing', aboutShop)).status).toBe(404);
    expect((await ask(owner.token, `/api/instances/${shop}/assistant`, 'Now shop', fleet)).status).toBe(404);

    await api()
      .put(`/api/users/${owner.id}/roles`)
      .auth(admin, { type: 'bearer' })
      .send({ assignments: [{ roleId, scope: { instanceIds: [billing], tags: [] } }] })
      .expect(200);
    const token = await login(sut, owner.username, owner.password);
    expect((await read(token, aboutShop)).status).toBe(404);
    expect((await remove(token, aboutShop)).status).toBe(404);
    expect((await list(token).expect(200)).body.items.map((item: { id: string }) => item.id)).toEqual([fleet]);
  });

  it('deletes one conversation, then all of them, and audits it without their text', async () => {
    llm.script = { toolCall: null };
    const owner = await operator();
    const first = (await ask(owner.token, '/api/assistant', 'Secret-ish question one').expect(200)).body.conversationId as string;
    const second = (await ask(owner.token, `/api/instances/${shop}/assistant`, 'Secret-ish question two').expect(200)).body.conversationId as string;

    await remove(owner.token, first).expect(204);
    expect((await read(owner.token, first)).status).toBe(404);
    expect((await list(owner.token).expect(200)).body.items.map((item: { id: string }) => item.id)).toEqual([second]);
    await remove(owner.token).expect(204);
    expect((await list(owner.token).expect(200)).body.total).toBe(0);

    const audit = await api().get('/api/audit?action=assistant.conversation.delete').auth(admin, { type: 'bearer' }).expect(200);
    const mine = audit.body.items.filter((event: { actorName: string }) => event.actorName === owner.username);
    const recorded = mine.map((event: { targetId: string | null; details: unknown }) => ({ targetId: event.targetId, details: event.details }));
    expect(recorded).toHaveLength(2);
    expect(recorded).toEqual(
      expect.arrayContaining([
        { targetId: null, details: { all: true, count: 1 } },
        { targetId: first, details: { instanceId: null } },
      ]),
    );
    expect(audit.text).not.toContain('Secret-ish');
  });

  it('keeps nothing when the provider fails', async () => {
    const owner = await operator();
    llm.script = { toolCall: null, refuseKey: true };
    expect((await ask(owner.token, '/api/assistant', 'Will this be kept?')).status).toBe(502);
    llm.script = { toolCall: null };
    expect((await list(owner.token).expect(200)).body.total).toBe(0);
  });

  it('stops listing an expired conversation at once, and the purge deletes it', async () => {
    llm.script = { toolCall: null };
    const owner = await operator();
    const expired = (await ask(owner.token, '/api/assistant', 'Old question').expect(200)).body.conversationId as string;
    const kept = (await ask(owner.token, '/api/assistant', 'Recent question').expect(200)).body.conversationId as string;
    await query(`UPDATE assistant_conversation SET expires_at = ${p(1)} WHERE id = ${p(2)}`, [Date.now() - 1000, expired]);

    expect((await list(owner.token).expect(200)).body.items.map((item: { id: string }) => item.id)).toEqual([kept]);
    expect((await read(owner.token, expired)).status).toBe(404);
    expect((await ask(owner.token, '/api/assistant', 'Continue it?', expired)).status).toBe(404);

    expect(await sut.app.get(ConversationsService).purgeExpired()).toBe(1);
    expect(await query(`SELECT id FROM assistant_conversation WHERE id IN (${p(1)}, ${p(2)})`, [expired, kept])).toEqual([{ id: kept }]);
  });

  it('deletes the conversations of a deleted user', async () => {
    llm.script = { toolCall: null };
    const owner = await operator();
    await ask(owner.token, '/api/assistant', 'Soon gone').expect(200);
    const count = async () => Number((await query(`SELECT COUNT(*) AS n FROM assistant_conversation WHERE user_id = ${p(1)}`, [owner.id]))[0].n);
    expect(await count()).toBe(1);
    await api().delete(`/api/users/${owner.id}`).auth(admin, { type: 'bearer' }).expect(204);
    expect(await count()).toBe(0);
  });

  it("deletes an instance's conversations with the instance, and keeps those whose provider is deleted", async () => {
    llm.script = { toolCall: null };
    const created = await api()
      .post('/api/instances')
      .auth(admin, { type: 'bearer' })
      .send({ name: 'short-lived', connection: { value: 'postgres://monitor:pw@127.0.0.1:5432/postgres' } })
      .expect(201);
    const aboutIt = (await ask(admin, `/api/instances/${created.body.id}/assistant`, 'Short-lived question').expect(200)).body.conversationId as string;
    await api().delete(`/api/instances/${created.body.id}`).auth(admin, { type: 'bearer' }).expect(204);
    expect(await query(`SELECT id FROM assistant_conversation WHERE id = ${p(1)}`, [aboutIt])).toEqual([]);

    const other = await api()
      .post('/api/assistant/providers')
      .auth(admin, { type: 'bearer' })
      .send({ name: 'retired', kind: 'openai', baseUrl: llm.baseUrl, model: 'fake' })
      .expect(201);
    const answered = await api()
      .post('/api/assistant')
      .auth(admin, { type: 'bearer' })
      .send({ providerId: other.body.id, messages: [{ role: 'user', content: 'Asked of a retired provider' }] })
      .expect(200);
    await api().delete(`/api/assistant/providers/${other.body.id}`).auth(admin, { type: 'bearer' }).expect(204);
    expect((await read(admin, answered.body.conversationId).expect(200)).body).toMatchObject({ providerId: null, messageCount: 2 });
  });

  it('keeps the emergency account its own conversations, which no user sees', async () => {
    llm.script = { toolCall: null };
    const emergency = await login(sut, EMERGENCY.username, EMERGENCY.password);
    const id = (await ask(emergency, '/api/assistant', 'Break-glass question').expect(200)).body.conversationId as string;
    expect((await list(emergency).expect(200)).body.items.map((item: { id: string }) => item.id)).toEqual([id]);
    expect((await read(admin, id)).status).toBe(404);
    expect((await list(admin).expect(200)).body.items.map((item: { id: string }) => item.id)).not.toContain(id);
    await remove(emergency).expect(204);
    expect((await list(emergency).expect(200)).body.total).toBe(0);
  });

  it('never writes an answer or a question into the audit log', async () => {
    const audit = await query('SELECT * FROM audit_event');
    const text = JSON.stringify(audit);
    expect(audit.some((event) => event.action === 'assistant.ask')).toBe(true);
    for (const words of ['From the tool', 'Why is', 'Private question', 'Break-glass question']) expect(text).not.toContain(words);
  });
});
