import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MonitorQueryRefusedError } from '../src/collectors/errors';
import { MonitorConnection } from '../src/collectors/monitor-connection';
import { COLLECTORS } from '../src/collectors/registry';
import { defineQuery, MonitorQuery } from '../src/collectors/sql/define';
import { ACTIVITY } from '../src/collectors/sql/activity';
import { SERVER_SETTINGS } from '../src/collectors/sql/instance';
import { isRegisteredQuery, REGISTERED_QUERIES } from '../src/collectors/sql/registry';
import { Secret } from '../src/crypto/secret';
import { createThrowawayDatabase } from './pg';

const SRC = path.resolve(__dirname, '../src');
const SQL_DIRS = [path.join(SRC, 'collectors', 'sql'), path.join(SRC, 'collectors', 'mysql', 'sql')];

/** Server versions a version-specific query variant is written for; the rest run on every supported version. */
const VERSION_RANGE: Record<string, [min: number, max: number]> = {
  wal_stats: [140000, Infinity],
  checkpoint_stats_pre17: [0, 169999],
  checkpoint_stats_17: [170000, Infinity],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [full] : [];
  });
}

describe('monitoring queries', () => {
  // Nothing listens on port 1: a refused query must fail before any connection attempt.
  const conn = new MonitorConnection({ instanceId: 'refusal', url: Secret.of('postgres://postgres@127.0.0.1:1/postgres'), statementTimeoutMs: 1_000 });

  afterAll(() => conn.close());

  it('refuses a raw SQL string, by type and at run time', async () => {
    // @ts-expect-error a string is not a MonitorQuery
    await expect(conn.run('DROP TABLE customers')).rejects.toBeInstanceOf(MonitorQueryRefusedError);
    expect(conn.status()).toMatchObject({ state: 'down', lastError: null });
  });

  it('refuses an object that only looks like a registered query', async () => {
    // @ts-expect-error the private brand makes MonitorQuery nominal
    await expect(conn.run({ name: SERVER_SETTINGS.name, text: 'DROP TABLE customers' })).rejects.toBeInstanceOf(MonitorQueryRefusedError);
    const impostor = Object.assign(Object.create(MonitorQuery.prototype) as object, {
      name: SERVER_SETTINGS.name,
      text: 'DROP TABLE customers',
    }) as typeof SERVER_SETTINGS;
    await expect(conn.run(impostor)).rejects.toBeInstanceOf(MonitorQueryRefusedError);
    expect(conn.status().lastError).toBeNull();
  });

  it("types each query's parameters", async () => {
    const unreachable = new MonitorConnection({ instanceId: 'types', url: Secret.of('postgres://postgres@127.0.0.1:1/postgres'), statementTimeoutMs: 1_000 });
    // @ts-expect-error ACTIVITY needs the text length and the include-text flag
    await expect(unreachable.run(ACTIVITY)).rejects.toThrow();
    // @ts-expect-error SERVER_SETTINGS takes no parameters
    await expect(unreachable.run(SERVER_SETTINGS, 1)).rejects.toThrow();
    await unreachable.close();
  });

  it('refuses a genuine MonitorQuery that no collectors/sql file exports', async () => {
    const unregistered = defineQuery<{ x: number }>('settings', 'SELECT 1 AS x');
    expect(isRegisteredQuery(unregistered)).toBe(false);
    await expect(conn.run(unregistered)).rejects.toBeInstanceOf(MonitorQueryRefusedError);
  });

  it('cannot be constructed outside defineQuery, nor changed afterwards', () => {
    const Constructor = MonitorQuery as unknown as new (...args: unknown[]) => unknown;
    expect(() => new Constructor(Symbol('MonitorQuery'), 'evil', 'DROP TABLE customers')).toThrow(TypeError);
    expect(Object.isFrozen(SERVER_SETTINGS)).toBe(true);
    expect(() => Object.assign(SERVER_SETTINGS, { text: 'DROP TABLE customers' })).toThrow(TypeError);
    expect(Object.isFrozen(REGISTERED_QUERIES)).toBe(true);
  });

  it('lets only collectors/sql and collectors/mysql/sql import defineQuery (elsewhere: type-only imports)', () => {
    const offenders = sourceFiles(SRC)
      .filter((file) => !SQL_DIRS.some((dir) => file.startsWith(dir + path.sep)))
      .flatMap((file) =>
        readFileSync(file, 'utf8')
          .split('\n')
          .filter((line) => /from '[^']*sql\/define'/.test(line) && !/^\s*(import|export) type\b/.test(line))
          .map((line) => `${path.relative(SRC, file)}: ${line.trim()}`),
      );
    expect(offenders).toEqual([]);
  });

  it('registers only single read statements with unique snake_case names', () => {
    const names = REGISTERED_QUERIES.map((query) => query.name);
    expect(new Set(names).size).toBe(names.length);
    for (const query of REGISTERED_QUERIES) {
      expect(query.name).toMatch(/^[a-z][a-z0-9_]*$/);
      // MySQL's session set-up is SET SESSION, and replication status exists only as SHOW.
      expect(query.text).toMatch(query.engine === 'postgres' ? /^(SELECT|WITH)\b/ : /^(SELECT|SHOW|SET SESSION)\b/);
      expect(query.text).not.toContain(';');
    }
  });

  it('lists in every collector only registered queries', () => {
    for (const collector of COLLECTORS) {
      expect(collector.queries.length).toBeGreaterThan(0);
      for (const query of collector.queries) expect(isRegisteredQuery(query)).toBe(true);
    }
  });

  describe('on the local PostgreSQL', () => {
    let db: Awaited<ReturnType<typeof createThrowawayDatabase>>;
    let admin: Client;

    beforeAll(async () => {
      db = await createThrowawayDatabase();
      admin = new Client({ connectionString: db.url });
      await admin.connect();
      // Creating the extension needs no preloading; it makes the statements queries plannable here.
      await admin.query('CREATE EXTENSION pg_stat_statements');
    });

    afterAll(async () => {
      await admin?.end();
      await db?.drop();
    });

    it('parses and plans every registered query meant for this server version', async () => {
      const version = Number((await admin.query<{ v: string }>(`SELECT current_setting('server_version_num') AS v`)).rows[0].v);
      let planned = 0;
      const postgres = REGISTERED_QUERIES.filter((query) => query.engine === 'postgres');
      for (const query of postgres) {
        const [min, max] = VERSION_RANGE[query.name] ?? [0, Infinity];
        if (version < min || version > max) continue;
        await admin.query(`PREPARE ${query.name} AS ${query.text}`);
        await admin.query(`DEALLOCATE ${query.name}`);
        planned += 1;
      }
      expect(planned).toBeGreaterThanOrEqual(postgres.length - 2);
    });
  });
});
