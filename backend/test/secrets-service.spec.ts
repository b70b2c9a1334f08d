import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type AppConfig, loadConfig } from '../src/config/config';
import { ConfigModule } from '../src/config/config.module';
import { Keyring } from '../src/crypto/keyring';
import { SecretCipher, type SecretOwner } from '../src/crypto/secret-cipher';
import { entities } from '../src/entities';
import { ApiExceptionFilter } from '../src/http/api-exception.filter';
import { SecretInputError, SecretsService, SecretUnavailableError } from '../src/secrets/secrets.service';
import { parseDatabaseUrl } from '../src/config/database-url';
import { SecretsModule } from '../src/secrets/secrets.module';
import { openStorage } from '../src/storage/storage';
import { StorageModule } from '../src/storage/storage.module';
import { describeEachStorage, freshStorage, type StorageFixture } from './storage-targets';

const APP_SECRET = 'k3J9xQ2mV7pL0sD8fH4gT1wZ6cB5nR2yE9uI3oA7vX0q';
const JWT_SECRET = 'Zq8Wm2Lp5Xv9Nc3Bt7Hs1Jd4Kf6Gr0Ye2Ua8Ti5Oo3Pe';
const VALUE = `s3cr3t 'pa"ss' — 監視 🔑`;
const CREDENTIALS_NEEDED = 'credentials needed: this secret is kept in memory only and the server restarted';

function configWith(env: Record<string, string> = {}): AppConfig {
  return loadConfig({ NODE_ENV: 'test', APP_SECRET, AUTH_JWT_SECRET: JWT_SECRET, ...env });
}

function owner(id: number): SecretOwner {
  return { table: 'probe', column: 'secret', id };
}

function unavailable(run: () => unknown): SecretUnavailableError {
  try {
    run();
  } catch (error) {
    if (error instanceof SecretUnavailableError) return error;
    throw error;
  }
  throw new Error('expected the secret to be unavailable');
}

afterEach(() => {
  delete process.env.INSPECTOR_SECRET_T_PG_PASSWORD;
});

describeEachStorage(SecretsService.name, (dialect) => {
  let storage: StorageFixture;
  let dataSource: DataSource;
  const p = (position: number) => (dialect === 'postgres' ? `$${position}` : '?');

  async function save(id: number, column: string): Promise<void> {
    await dataSource.query(`DELETE FROM probe WHERE id = ${p(1)}`, [id]);
    await dataSource.query(`INSERT INTO probe (id, secret) VALUES (${p(1)}, ${p(2)})`, [id, column]);
  }

  async function load(id: number): Promise<string> {
    const rows = await dataSource.query<Array<{ secret: string }>>(`SELECT secret FROM probe WHERE id = ${p(1)}`, [id]);
    return rows[0].secret;
  }

  beforeAll(async () => {
    storage = await freshStorage(dialect);
    const target = storage.target;
    dataSource = new DataSource(target.dialect === 'sqlite' ? { type: 'better-sqlite3', database: target.database } : { type: 'postgres', url: target.url });
    await dataSource.initialize();
    await dataSource.query('CREATE TABLE probe (id integer PRIMARY KEY, secret text)');
  });
  afterAll(async () => {
    await dataSource.destroy();
    await storage.dispose();
  });

  it('keeps a stored secret encrypted in its column, and resolves it after a restart', async () => {
    const sut = new SecretsService(configWith());
    await save(1, sut.seal({ value: VALUE, source: 'stored' }, owner(1)));
    const column = await load(1);
    expect(column).toMatch(/^\{"source":"stored","ciphertext":"v1\.[0-9a-f]{16}\.[\w-]+\.[\w-]+"\}$/);
    expect(column).not.toContain(VALUE);
    expect(column).not.toContain(Buffer.from(VALUE).toString('base64url'));
    expect(new SecretsService(configWith()).resolve(column, owner(1)).reveal()).toBe(VALUE);
  });

  it('refuses a stored secret copied into another row', async () => {
    const sut = new SecretsService(configWith());
    await save(1, sut.seal({ value: VALUE }, owner(1)));
    await save(2, await load(1));
    const copied = await load(2);
    expect(unavailable(() => sut.resolve(copied, owner(2))).message).toMatch(/failed authentication/);
  });

  it('stores only the name of an environment variable and reads it at each use', async () => {
    const sut = new SecretsService(configWith());
    process.env.INSPECTOR_SECRET_T_PG_PASSWORD = VALUE;
    await save(3, sut.seal({ env: 'INSPECTOR_SECRET_T_PG_PASSWORD' }, owner(3)));
    const column = await load(3);
    expect(column).toBe('{"source":"env","env":"INSPECTOR_SECRET_T_PG_PASSWORD"}');
    expect(sut.resolve(column, owner(3)).reveal()).toBe(VALUE);
    process.env.INSPECTOR_SECRET_T_PG_PASSWORD = 'rotated-by-the-operator';
    expect(sut.resolve(column, owner(3)).reveal()).toBe('rotated-by-the-operator');

    delete process.env.INSPECTOR_SECRET_T_PG_PASSWORD;
    expect(unavailable(() => sut.resolve(column, owner(3))).message).toBe('environment variable INSPECTOR_SECRET_T_PG_PASSWORD is not set');
    expect(sut.describe(column, owner(3))).toEqual({
      source: 'env',
      env: 'INSPECTOR_SECRET_T_PG_PASSWORD',
      set: false,
      error: 'environment variable INSPECTOR_SECRET_T_PG_PASSWORD is not set',
    });
  });

  it('keeps a memory secret in this process only: a new instance says credentials are needed', async () => {
    const sut = new SecretsService(configWith());
    await save(4, sut.seal({ value: VALUE, source: 'memory' }, owner(4)));
    const column = await load(4);
    expect(column).toBe('{"source":"memory"}');
    expect(sut.resolve(column, owner(4)).reveal()).toBe(VALUE);
    expect(sut.describe(column, owner(4))).toEqual({ source: 'memory', set: true });

    const restarted = new SecretsService(configWith());
    expect(unavailable(() => restarted.resolve(column, owner(4))).message).toBe(CREDENTIALS_NEEDED);
    expect(restarted.describe(column, owner(4))).toEqual({ source: 'memory', set: false, error: CREDENTIALS_NEEDED });
  });

  it('drops a memory secret when it is replaced or forgotten', async () => {
    const sut = new SecretsService(configWith());
    const memory = sut.seal({ value: VALUE, source: 'memory' }, owner(5));
    await save(5, sut.seal({ value: 'replacement' }, owner(5)));
    expect(unavailable(() => sut.resolve(memory, owner(5))).message).toBe(CREDENTIALS_NEEDED);
    expect(sut.resolve(await load(5), owner(5)).reveal()).toBe('replacement');

    sut.seal({ value: VALUE, source: 'memory' }, owner(6));
    sut.forget(owner(6));
    expect(unavailable(() => sut.resolve(memory, owner(6))).message).toBe(CREDENTIALS_NEEDED);
  });

  it('describes each source without ever including the value', async () => {
    const sut = new SecretsService(configWith());
    process.env.INSPECTOR_SECRET_T_PG_PASSWORD = VALUE;
    await save(7, sut.seal({ value: VALUE }, owner(7)));
    await save(8, sut.seal({ env: 'INSPECTOR_SECRET_T_PG_PASSWORD' }, owner(8)));
    await save(9, sut.seal({ value: VALUE, source: 'memory' }, owner(9)));
    const descriptions = [sut.describe(await load(7), owner(7)), sut.describe(await load(8), owner(8)), sut.describe(await load(9), owner(9))];
    expect(descriptions).toEqual([
      { source: 'stored', set: true },
      { source: 'env', env: 'INSPECTOR_SECRET_T_PG_PASSWORD', set: true },
      { source: 'memory', set: true },
    ]);
    expect(JSON.stringify(descriptions)).not.toContain(VALUE);
    expect(sut.describe(await load(7), owner(10))).toEqual({ source: 'stored', set: false, error: expect.stringMatching(/failed authentication/) });
  });

  it('still notices a stored secret altered after it was described as set', async () => {
    const sut = new SecretsService(configWith());
    const column = sut.seal({ value: VALUE }, owner(11));
    expect(sut.describe(column, owner(11))).toEqual({ source: 'stored', set: true });
    const stored = JSON.parse(column) as { ciphertext: string };
    const altered = JSON.stringify({ ...stored, ciphertext: `${stored.ciphertext.slice(0, -4)}AAAA` });
    expect(sut.describe(altered, owner(11))).toEqual({ source: 'stored', set: false, error: expect.stringMatching(/failed authentication/) });
    expect(sut.describe(column, owner(12))).toEqual({ source: 'stored', set: false, error: expect.stringMatching(/failed authentication/) });
    expect(sut.describe(column, owner(11))).toEqual({ source: 'stored', set: true });
  });
});

describe(`${SecretsService.name} without storage`, () => {
  it.each(['APP_SECRET', 'APP_SECRET_PREVIOUS', 'auth_jwt_secret', 'AUTH_EMERGENCY_PASS', 'DATABASE_URL'])(
    'refuses a reference to %s with a 400 naming the env field',
    (env) => {
      const error = (() => {
        try {
          new SecretsService(configWith()).seal({ env }, owner(1));
        } catch (caught) {
          return caught;
        }
        return null;
      })();
      expect(error).toBeInstanceOf(SecretInputError);
      expect((error as SecretInputError).getStatus()).toBe(400);
      expect((error as SecretInputError).errors).toEqual([{ path: 'env', message: expect.stringContaining("Inspector's own variables") }]);
    },
  );

  it('answers a refused reference through the API error filter as a 400 with the field message', () => {
    const sent: { status?: number; body?: unknown } = {};
    const response = {
      status(code: number) {
        sent.status = code;
        return this;
      },
      json(body: unknown) {
        sent.body = body;
      },
    };
    const host = { switchToHttp: () => ({ getRequest: () => ({ id: 'req-1' }), getResponse: () => response }) };
    const error = (() => {
      try {
        new SecretsService(configWith()).seal({ env: 'DATABASE_URL' }, owner(1));
      } catch (caught) {
        return caught;
      }
    })();
    new ApiExceptionFilter().catch(error, host as never);
    expect(sent).toEqual({
      status: 400,
      body: expect.objectContaining({
        statusCode: 400,
        message: 'Validation failed',
        errors: [{ path: 'env', message: expect.stringContaining('DATABASE_URL') }],
      }),
    });
  });

  it('with SECRET_ENV_PREFIX, seals only variables starting with it', () => {
    const sut = new SecretsService(configWith({ SECRET_ENV_PREFIX: 'INSPECTOR_MONITOR_' }));
    expect(() => sut.seal({ env: 'PGPASSWORD' }, owner(1))).toThrow(SecretInputError);
    expect(sut.seal({ env: 'INSPECTOR_MONITOR_PG' }, owner(1))).toBe('{"source":"env","env":"INSPECTOR_MONITOR_PG"}');
  });

  it('without SECRET_ENV_PREFIX, or with it empty, seals only INSPECTOR_SECRET_ variables: never PATH or HOME', () => {
    for (const env of [{}, { SECRET_ENV_PREFIX: '' }] as Array<Record<string, string>>) {
      const sut = new SecretsService(configWith(env));
      for (const name of ['PATH', 'HOME', 'PGPASSWORD']) {
        expect(() => sut.seal({ env: name }, owner(1)), name).toThrow(SecretInputError);
      }
      expect(sut.seal({ env: 'INSPECTOR_SECRET_PG' }, owner(1))).toBe('{"source":"env","env":"INSPECTOR_SECRET_PG"}');
      expect(unavailable(() => sut.resolve('{"source":"env","env":"PATH"}', owner(1))).message).toMatch(/must start with INSPECTOR_SECRET_/);
    }
    expect(() => configWith({ SECRET_ENV_PREFIX: 'lower_' })).toThrow(/SECRET_ENV_PREFIX/);
  });

  it('refuses at use a stored reference the rules forbid, even if it reached the database some other way', () => {
    process.env.INSPECTOR_SECRET_T_PG_PASSWORD = VALUE;
    const sut = new SecretsService(configWith());
    expect(unavailable(() => sut.resolve('{"source":"env","env":"APP_SECRET"}', owner(1))).message).toMatch(/APP_SECRET cannot be used/);
    const prefixed = new SecretsService(configWith({ SECRET_ENV_PREFIX: 'INSPECTOR_MONITOR_' }));
    expect(unavailable(() => prefixed.resolve('{"source":"env","env":"INSPECTOR_SECRET_T_PG_PASSWORD"}', owner(1))).message).toMatch(
      /must start with INSPECTOR_MONITOR_/,
    );
  });

  it('reports an unreadable column without echoing it', () => {
    const sut = new SecretsService(configWith());
    expect(unavailable(() => sut.resolve(VALUE, owner(1))).message).not.toContain(VALUE);
    expect(sut.describe(VALUE, owner(1))).toEqual({ source: 'stored', set: false, error: 'stored secret is not valid JSON' });
  });

  it('seals with the current APP_SECRET and still opens secrets sealed under APP_SECRET_PREVIOUS', () => {
    const before = new SecretsService(configWith());
    const column = before.seal({ value: VALUE }, owner(1));
    const after = new SecretsService(configWith({ APP_SECRET: 'Pf4Rt8Yu2Io6Pa0Sd4Fg8Hj2Kl6Zx0Cv4Bn8Mq2We6Rt', APP_SECRET_PREVIOUS: APP_SECRET }));
    expect(after.cipher.keyring.currentKeyId).not.toBe(before.cipher.keyring.currentKeyId);
    expect(after.resolve(column, owner(1)).reveal()).toBe(VALUE);
  });

  it('provides one keyring, derived from APP_CONFIG, to the service, the cipher provider and the keyring provider', async () => {
    const config = configWith();
    // The module's startup check reads stored secrets, so it needs storage too.
    const { dataSource } = await openStorage(parseDatabaseUrl('sqlite::memory:'), entities);
    @Module({ imports: [ConfigModule.forRoot(config), StorageModule.forDataSource(dataSource), SecretsModule] })
    class TestModule {}
    const app = await NestFactory.createApplicationContext(TestModule, { logger: false, abortOnError: false });
    try {
      const service = app.get(SecretsService);
      expect(app.get(SecretCipher)).toBe(service.cipher);
      expect(app.get(Keyring)).toBe(service.cipher.keyring);
      expect(app.get(Keyring).currentKeyId).toBe(Keyring.from(APP_SECRET, []).currentKeyId);
    } finally {
      await app.close();
    }
  });
});
