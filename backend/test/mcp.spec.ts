import type { AddressInfo } from 'node:net';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import request from 'supertest';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './app-harness';
import { createRole, createUser, setupAdmin } from './auth-helpers';
import { describeEachStorage } from './storage-targets';

const CONNECTION = 'postgres://monitor:pw@127.0.0.1:5432/postgres';
const INITIALIZE = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'curl', version: '1' } },
};

type TextContent = Array<{ type: string; text: string }>;

/** The MCP server as an MCP client sees it: the SDK's own client over Streamable HTTP, on loopback. */
describeEachStorage('MCP server at /api/mcp', (dialect) => {
  let sut: TestApp;
  let url: URL;
  let admin: string;
  let instanceA: string;
  let instanceB: string;
  const clients: Client[] = [];

  const api = () => request(sut.server);
  const createToken = async (session: string, body: Record<string, unknown> = {}) => {
    const response = await api()
      .post('/api/auth/tokens')
      .auth(session, { type: 'bearer' })
      .send({ name: 'mcp', expiresInDays: 7, ...body });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body as { id: string; token: string };
  };
  const connect = async (authorization?: string) => {
    const client = new Client({ name: 'inspector-test', version: '1.0.0' });
    const headers: Record<string, string> = authorization ? { Authorization: authorization } : {};
    await client.connect(new StreamableHTTPClientTransport(url, { requestInit: { headers } }));
    clients.push(client);
    return client;
  };
  const post = (headers: Record<string, string>) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
      body: JSON.stringify(INITIALIZE),
    });
  const textOf = (result: Record<string, unknown>) => (result.content as TextContent).map((part) => part.text).join('');

  beforeAll(async () => {
    sut = await startTestApp({ dialect });
    await sut.app.listen(0, '127.0.0.1');
    url = new URL(`http://127.0.0.1:${(sut.server.address() as AddressInfo).port}/api/mcp`);
    admin = await setupAdmin(sut);
    const create = async (name: string) =>
      (
        await api()
          .post('/api/instances')
          .auth(admin, { type: 'bearer' })
          .send({ name, connection: { value: CONNECTION } })
          .expect(201)
      ).body.id as string;
    instanceA = await create('shop');
    instanceB = await create('billing');
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()));
  });
  afterAll(async () => sut?.close());

  it('lists the assistant tools to a personal access token, read-only, as server "inspector"', async () => {
    const { token } = await createToken(admin);
    const client = await connect(`Bearer ${token}`);
    expect(client.getServerVersion()).toEqual({ name: 'inspector', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    const { tools } = await client.listTools();
    const names = tools.map((tool) => tool.name);
    expect(names).toEqual(expect.arrayContaining(['list_instances', 'instance_status', 'get_findings', 'top_statements', 'metric_series']));
    expect(tools.every((tool) => tool.annotations?.readOnlyHint === true)).toBe(true);
    const status = tools.find((tool) => tool.name === 'instance_status');
    expect(status?.inputSchema).toMatchObject({ type: 'object', required: ['instanceId'] });
  });

  it('answers 401 with a Bearer challenge without a token, and the client fails', async () => {
    const response = await post({});
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer\b/);
    await expect(connect()).rejects.toMatchObject({ code: 401 });
  });

  it("refuses a browser session's token with 401, saying MCP takes a personal access token", async () => {
    const response = await post({ Authorization: `Bearer ${admin}` });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer\b/);
    expect(((await response.json()) as { message: string }).message).toMatch(/personal access token/);
    await expect(connect(`Bearer ${admin}`)).rejects.toMatchObject({ code: 401 });
  });

  it('gives a token narrowed to one instance only that instance: another is "not found", the list shows one', async () => {
    const { token } = await createToken(admin, { instanceIds: [instanceA] });
    const client = await connect(`Bearer ${token}`);

    const hidden = await client.callTool({ name: 'instance_status', arguments: { instanceId: instanceB } });
    expect(hidden.isError).toBe(true);
    expect(textOf(hidden)).toBe('instance not found');

    const own = await client.callTool({ name: 'instance_status', arguments: { instanceId: instanceA } });
    expect(own.isError, textOf(own)).toBeFalsy();
    expect(JSON.parse(textOf(own))).toHaveProperty('state');

    const listed = await client.callTool({ name: 'list_instances', arguments: {} });
    expect((JSON.parse(textOf(listed)) as Array<{ id: string }>).map((instance) => instance.id)).toEqual([instanceA]);
  });

  it('answers 403 to a token narrowed to permissions without assistant:read', async () => {
    const { token } = await createToken(admin, { permissions: ['monitoring:read'] });
    await expect(connect(`Bearer ${token}`)).rejects.toMatchObject({ code: 403 });
  });

  it('stops a revoked token at its next call', async () => {
    const created = await createToken(admin);
    const client = await connect(`Bearer ${created.token}`);
    await client.callTool({ name: 'list_instances', arguments: {} });
    await api().delete(`/api/auth/tokens/${created.id}`).auth(admin, { type: 'bearer' }).expect(204);
    await expect(client.callTool({ name: 'list_instances', arguments: {} })).rejects.toMatchObject({ code: 401 });
  });

  it('audits each tool call as made through MCP, with the instance it read', async () => {
    const role = await createRole(sut, admin, ['assistant:read', 'monitoring:read']);
    const user = await createUser(sut, admin, [{ roleId: role }]);
    const { token } = await createToken(user.token);
    const client = await connect(`Bearer ${token}`);
    await client.callTool({ name: 'list_instances', arguments: {} });
    await client.callTool({ name: 'instance_status', arguments: { instanceId: instanceB } });

    const audit = await api().get('/api/audit').query({ action: 'assistant.tool.call', limit: 500 }).auth(admin, { type: 'bearer' }).expect(200);
    const calls = (audit.body.items as Array<{ actorName: string; outcome: string; targetId: string | null; details: Record<string, unknown> }>)
      .filter((event) => event.actorName === user.username)
      .map(({ outcome, targetId, details }) => ({ outcome, targetId, details }));
    expect(calls).toHaveLength(2);
    expect(calls).toEqual(
      expect.arrayContaining([
        { outcome: 'success', targetId: null, details: { tool: 'list_instances', via: 'mcp' } },
        { outcome: 'success', targetId: instanceB, details: { tool: 'instance_status', via: 'mcp' } },
      ]),
    );
  });

  it('answers malformed JSON and bodies that are not JSON-RPC messages with 400, calling no tool', async () => {
    const { token } = await createToken(admin);
    const callsBefore = await api().get('/api/audit').query({ action: 'assistant.tool.call', limit: 500 }).auth(admin, { type: 'bearer' }).expect(200);
    // An empty array is an empty batch to JSON-RPC: accepted (202) with nothing to do.
    const expected: Array<[string, number]> = [
      ['{"jsonrpc": "2.0",', 400],
      ['[]', 202],
      ['42', 400],
      ['"tools/call"', 400],
      ['null', 400],
      ['{"jsonrpc": "2.0", "id": 1, "method": 7}', 400],
    ];
    for (const [body, status] of expected) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', authorization: `Bearer ${token}` },
        body,
      });
      expect(response.status, body).toBe(status);
      expect(await response.text(), body).not.toMatch(/at .*\.(js|ts):\d+/);
    }
    const callsAfter = await api().get('/api/audit').query({ action: 'assistant.tool.call', limit: 500 }).auth(admin, { type: 'bearer' }).expect(200);
    expect(callsAfter.body.total).toBe(callsBefore.body.total);
  });

  it('answers GET and DELETE with 405 and a JSON-RPC error: the server keeps no sessions and streams nothing', async () => {
    for (const method of ['GET', 'DELETE']) {
      const response = await fetch(url, { method, headers: { accept: 'application/json, text/event-stream' } });
      expect(response.status, method).toBe(405);
      expect(await response.json()).toMatchObject({ jsonrpc: '2.0', error: { code: -32000 }, id: null });
    }
  });
});
