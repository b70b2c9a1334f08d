import { BadRequestException, NotFoundException } from '@nestjs/common';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config';
import { InstanceLeases } from '../replicas/instance-leases';
import { ReplicaIdentity } from '../replicas/replica-identity';
import { SecretsService } from '../secrets/secrets.service';
import { ConnectionUnavailableError } from './connection-unavailable.error';
import { ConnectionsService } from './connections.service';
import { connectionOwner, type StoredConnection, StoredConnections } from './stored-connection';

const config = loadConfig({
  NODE_ENV: 'test',
  APP_SECRET: 'k3J9xQ2mV7pL0sD8fH4gT1wZ6cB5nR2yE9uI3oA7vX0q',
  AUTH_JWT_SECRET: 'Zq8Wm2Lp5Xv9Nc3Bt7Hs1Jd4Kf6Gr0Ye2Ua8Ti5Oo3Pe',
});
const UNSET_VARIABLE = 'INSPECTOR_SECRET_CONNECTIONS_SPEC_URL';

/** Instance rows as the instances module would serve them; nothing here contacts a server. */
class StoredInMemory extends StoredConnections {
  readonly rows = new Map<string, StoredConnection>();

  async find(instanceId: string): Promise<StoredConnection | null> {
    return this.rows.get(instanceId) ?? null;
  }
}

describe(ConnectionsService.name, () => {
  let stored: StoredInMemory;
  let secrets: SecretsService;
  let sut: ConnectionsService;

  function save(id: string, url: { value: string } | { env: string }, tls: Partial<StoredConnection> = {}): void {
    stored.rows.set(id, {
      id,
      engine: 'postgres',
      connectionSecret: secrets.seal(url, connectionOwner(id)),
      tlsMode: null,
      tlsCa: null,
      tlsCertSecret: null,
      tlsKeySecret: null,
      ...tls,
    });
  }

  async function unavailable(instanceId: string): Promise<ConnectionUnavailableError> {
    const error = await sut.forInstance(instanceId).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConnectionUnavailableError);
    return error as ConnectionUnavailableError;
  }

  beforeEach(() => {
    stored = new StoredInMemory();
    secrets = new SecretsService(config);
    // Leases not started (one process): this process holds every instance, and storage is never asked.
    sut = new ConnectionsService(stored, secrets, config, new InstanceLeases(new ReplicaIdentity(config), null as never));
  });

  afterEach(() => sut.onApplicationShutdown());

  it('keeps one connection per instance until a change of its stored connection is announced', async () => {
    save('a', { value: 'postgres://inspector@127.0.0.1:5432/postgres' });
    const first = await sut.forInstance('a');
    expect(await sut.forInstance('a')).toBe(first);
    save('a', { value: 'postgres://inspector@127.0.0.1:5432/postgres' }, { tlsMode: 'disable' });
    // As the instances module does after saving connection settings (its `changed` event).
    await sut.drop('a');
    const second = await sut.forInstance('a');
    expect(second).not.toBe(first);
    expect(sut.size).toBe(1);
    expect(sut.peek('a')).toBe(second);
  });

  it('reuses the connection without reading the instance row or its secrets again', async () => {
    save('a', { value: 'postgres://inspector@127.0.0.1:5432/postgres' });
    let reads = 0;
    const find = stored.find.bind(stored);
    stored.find = (id) => {
      reads++;
      return find(id);
    };
    const first = await sut.forInstance('a');
    for (let run = 0; run < 5; run++) expect(await sut.forInstance('a')).toBe(first);
    expect(reads).toBe(1);
  });

  it('uses settings whose change was announced while the previous ones were being read', async () => {
    save('a', { value: 'postgres://inspector@127.0.0.1:5432/postgres' });
    const find = stored.find.bind(stored);
    stored.find = async (id) => {
      const before = await find(id);
      // The change lands while this read is on its way back: now settings the connection refuses.
      stored.find = find;
      save('a', { value: 'postgres://inspector@127.0.0.1:5432/postgres?sslmode=disable' }, { tlsMode: 'require' });
      await sut.drop('a');
      return before;
    };
    expect(await unavailable('a')).toMatchObject({ reason: 'refused' });
    expect(sut.size).toBe(0);
  });

  it('has no connection for an unknown instance, nor for one being deleted until its deletion fails', async () => {
    save('a', { value: 'postgres://inspector@127.0.0.1:5432/postgres' });
    await expect(sut.forInstance('missing')).rejects.toThrow(NotFoundException);
    await sut.forInstance('a');
    await sut.retire('a');
    expect(sut.peek('a')).toBeUndefined();
    await expect(sut.forInstance('a')).rejects.toThrow(NotFoundException);
    await expect(sut.test('a')).rejects.toThrow(NotFoundException);
    sut.resume('a');
    await expect(sut.forInstance('a')).resolves.toBeDefined();
  });

  it('reports a secret it cannot open as unavailable credentials, and the test as failed with the same words', async () => {
    save('a', { env: UNSET_VARIABLE });
    const error = await unavailable('a');
    expect(error).toMatchObject({ reason: 'credentials', message: `environment variable ${UNSET_VARIABLE} is not set` });
    expect(await sut.test('a')).toEqual({ ok: false, error: error.message, warnings: [] });
  });

  it('refuses a host the policy refuses, read from the variable at use, without quoting the URL, and rejects its test', async () => {
    save('a', { env: UNSET_VARIABLE });
    process.env[UNSET_VARIABLE] = 'postgres://inspector@169.254.169.254:5432/postgres';
    try {
      const error = await unavailable('a');
      expect(error.reason).toBe('refused');
      expect(error.message).toContain('refused unless MONITOR_ALLOWED_HOSTS lists that address');
      expect(error.message).not.toContain('postgres://');
      const rejected = await sut.test('a').catch((caught: unknown) => caught);
      expect(rejected).toBeInstanceOf(BadRequestException);
      expect((rejected as BadRequestException).getResponse()).toEqual({
        message: `Connection rejected: ${error.message}`,
        errors: [{ path: 'connection', message: error.message }],
      });
    } finally {
      delete process.env[UNSET_VARIABLE];
    }
  });

  it('refuses TLS settings that contradict the URL before opening a connection', async () => {
    save('a', { value: 'postgres://inspector@127.0.0.1:5432/postgres?sslmode=disable' }, { tlsMode: 'require' });
    expect(await unavailable('a')).toMatchObject({ reason: 'refused', message: 'sslmode=disable in the URL contradicts the TLS setting require' });
    expect(sut.size).toBe(0);
  });
});
