import { DataSource } from 'typeorm';
import { afterAll, beforeAll, beforeEach, expect, it, vi } from 'vitest';
import { type AppConfig, loadConfig } from '../src/config/config';
import { keyIdOf, type SecretOwner } from '../src/crypto/secret-cipher';
import type { SecretColumn } from '../src/secrets/secret-columns';
import { countOnRetiredKeys, reencryptAll } from '../src/secrets/secret-rotation';
import { SecretsService, SecretUnavailableError } from '../src/secrets/secrets.service';
import { parseStoredSecret } from '../src/secrets/stored-secret';
import { describeEachStorage, freshStorage, type StorageFixture } from './storage-targets';

const SECRET_A = 'k3J9xQ2mV7pL0sD8fH4gT1wZ6cB5nR2yE9uI3oA7vX0q';
const SECRET_B = 'Pf4Rt8Yu2Io6Pa0Sd4Fg8Hj2Kl6Zx0Cv4Bn8Mq2We6Rt';
const SECRET_C = 'Mn3Bv7Cx1Zl5Kj9Hg3Fd7Sa1Qw5Er9Ty3Ui7Op1As5Df';
const JWT_SECRET = 'Zq8Wm2Lp5Xv9Nc3Bt7Hs1Jd4Kf6Gr0Ye2Ua8Ti5Oo3Pe';

// The second table's key is a reserved word and one id holds a quote: identifiers must be escaped, values bound.
const NUMBERED: SecretColumn = { table: 'probe_numbered', column: 'secret', idColumn: 'id' };
const NAMED: SecretColumn = { table: 'probe_named', column: 'password', idColumn: 'order' };
const COLUMNS = [NUMBERED, NAMED];
const PLAINTEXTS: Array<[SecretColumn, string | number, string]> = [
  [NUMBERED, 1, 'first — 監視'],
  [NUMBERED, 2, 'second'],
  [NUMBERED, 3, "third'; DROP TABLE probe_numbered; --"],
  [NAMED, "o'brien", 'fourth 🔑'],
  [NAMED, 'x', 'fifth'],
];

function serviceWith(appSecret: string, previous: string[] = []): SecretsService {
  const config: AppConfig = loadConfig({ NODE_ENV: 'test', APP_SECRET: appSecret, APP_SECRET_PREVIOUS: previous.join(','), AUTH_JWT_SECRET: JWT_SECRET });
  return new SecretsService(config);
}

function ownerOf(column: SecretColumn, id: string | number): SecretOwner {
  return { table: column.table, column: column.column, id };
}

describeEachStorage('secret rotation', (dialect) => {
  let storage: StorageFixture;
  let dataSource: DataSource;
  const a = serviceWith(SECRET_A);
  const bWithA = serviceWith(SECRET_B, [SECRET_A]);
  const onlyB = serviceWith(SECRET_B);
  const onlyC = serviceWith(SECRET_C);
  const p = (position: number) => (dialect === 'postgres' ? `$${position}` : '?');
  const q = (identifier: string) => dataSource.driver.escape(identifier);

  async function put(column: SecretColumn, id: string | number, value: string): Promise<void> {
    await dataSource.query(`DELETE FROM ${q(column.table)} WHERE ${q(column.idColumn)} = ${p(1)}`, [id]);
    await dataSource.query(`INSERT INTO ${q(column.table)} (${q(column.idColumn)}, ${q(column.column)}) VALUES (${p(1)}, ${p(2)})`, [id, value]);
  }

  async function get(column: SecretColumn, id: string | number): Promise<string> {
    const rows = await dataSource.query<Array<{ value: string }>>(
      `SELECT ${q(column.column)} AS ${q('value')} FROM ${q(column.table)} WHERE ${q(column.idColumn)} = ${p(1)}`,
      [id],
    );
    return rows[0].value;
  }

  function keyIdIn(column: string): string {
    const stored = parseStoredSecret(column);
    if (stored.source !== 'stored') throw new Error('not an encrypted secret');
    return keyIdOf(stored.ciphertext);
  }

  beforeAll(async () => {
    storage = await freshStorage(dialect);
    const target = storage.target;
    dataSource = new DataSource(target.dialect === 'sqlite' ? { type: 'better-sqlite3', database: target.database } : { type: 'postgres', url: target.url });
    await dataSource.initialize();
    await dataSource.query('CREATE TABLE probe_numbered (id integer PRIMARY KEY, secret text)');
    await dataSource.query('CREATE TABLE probe_named ("order" varchar(40) PRIMARY KEY, password text)');
  });
  afterAll(async () => {
    await dataSource.destroy();
    await storage.dispose();
  });

  // Every test starts from the five secrets sealed under A, plus an env and a memory row that hold no ciphertext.
  beforeEach(async () => {
    for (const column of COLUMNS) await dataSource.query(`DELETE FROM ${q(column.table)}`);
    for (const [column, id, plaintext] of PLAINTEXTS) await put(column, id, a.seal({ value: plaintext }, ownerOf(column, id)));
    await put(NUMBERED, 4, a.seal({ env: 'INSPECTOR_SECRET_T_PG_PASSWORD' }, ownerOf(NUMBERED, 4)));
    await put(NUMBERED, 5, a.seal({ value: 'in memory', source: 'memory' }, ownerOf(NUMBERED, 5)));
  });

  it('moves every stored secret from A to B, then finds nothing left to do', async () => {
    expect(await countOnRetiredKeys(dataSource, COLUMNS, bWithA.cipher.keyring)).toEqual({ retired: 5, unreadable: 0 });

    expect(await reencryptAll(dataSource, COLUMNS, bWithA.cipher)).toEqual({
      scanned: 5,
      reencrypted: 5,
      alreadyCurrent: 0,
      changedConcurrently: 0,
      failed: [],
    });
    for (const [column, id] of PLAINTEXTS) expect(keyIdIn(await get(column, id))).toBe(bWithA.cipher.keyring.currentKeyId);
    expect(await get(NUMBERED, 4)).toBe('{"source":"env","env":"INSPECTOR_SECRET_T_PG_PASSWORD"}');
    expect(await get(NUMBERED, 5)).toBe('{"source":"memory"}');

    expect(await reencryptAll(dataSource, COLUMNS, bWithA.cipher)).toEqual({
      scanned: 5,
      reencrypted: 0,
      alreadyCurrent: 5,
      changedConcurrently: 0,
      failed: [],
    });
    expect(await countOnRetiredKeys(dataSource, COLUMNS, bWithA.cipher.keyring)).toEqual({ retired: 0, unreadable: 0 });
  });

  it('leaves data that B alone decrypts, and that C fails on naming the key it needs', async () => {
    await reencryptAll(dataSource, COLUMNS, bWithA.cipher);
    for (const [column, id, plaintext] of PLAINTEXTS) {
      const stored = await get(column, id);
      expect(stored).not.toContain(plaintext);
      expect(onlyB.resolve(stored, ownerOf(column, id)).reveal()).toBe(plaintext);
      const error = (() => {
        try {
          onlyC.resolve(stored, ownerOf(column, id));
        } catch (caught) {
          return caught as Error;
        }
        throw new Error('expected C to fail');
      })();
      expect(error).toBeInstanceOf(SecretUnavailableError);
      expect(error.message).toContain(`key ${onlyB.cipher.keyring.currentKeyId} which is not configured`);
    }
    expect(await countOnRetiredKeys(dataSource, COLUMNS, onlyC.cipher.keyring)).toEqual({ retired: 0, unreadable: 5 });
  });

  it('reports each row it cannot decrypt, leaves it untouched, and re-encrypts the others', async () => {
    // Row 2: first character of the ciphertext changed; row 3: row 1's secret copied; x: under an unknown key.
    const tampered = (await get(NUMBERED, 2)).replace(/\.(.)([\w-]+)"\}$/, (_, first: string, rest: string) => `.${first === 'A' ? 'B' : 'A'}${rest}"}`);
    await put(NUMBERED, 2, tampered);
    await put(NUMBERED, 3, await get(NUMBERED, 1));
    await put(NAMED, 'x', serviceWith(SECRET_C).seal({ value: 'fifth' }, ownerOf(NAMED, 'x')));
    await put(NAMED, "o'brien", 'not json');
    const before = [await get(NUMBERED, 2), await get(NUMBERED, 3), await get(NAMED, 'x'), await get(NAMED, "o'brien")];

    const report = await reencryptAll(dataSource, COLUMNS, bWithA.cipher);
    expect(report).toMatchObject({ scanned: 5, reencrypted: 1, alreadyCurrent: 0, changedConcurrently: 0 });
    const failed = [...report.failed].sort((left, right) => String(left.id).localeCompare(String(right.id)));
    expect(failed).toEqual([
      { table: NUMBERED.table, id: 2, error: expect.stringMatching(/failed authentication/) },
      { table: NUMBERED.table, id: 3, error: expect.stringMatching(/failed authentication/) },
      { table: NAMED.table, id: "o'brien", error: 'stored secret is not valid JSON' },
      { table: NAMED.table, id: 'x', error: expect.stringContaining(`key ${onlyC.cipher.keyring.currentKeyId} which is not configured`) },
    ]);
    expect(JSON.stringify(report)).not.toMatch(/first|second|third|fourth|fifth/);

    expect([await get(NUMBERED, 2), await get(NUMBERED, 3), await get(NAMED, 'x'), await get(NAMED, "o'brien")]).toEqual(before);
    expect(keyIdIn(await get(NUMBERED, 1))).toBe(bWithA.cipher.keyring.currentKeyId);
  });

  it('finishes a rotation that was interrupted half way', async () => {
    await put(NUMBERED, 1, bWithA.seal({ value: 'first — 監視' }, ownerOf(NUMBERED, 1)));
    expect(await reencryptAll(dataSource, COLUMNS, bWithA.cipher)).toMatchObject({ scanned: 5, reencrypted: 4, alreadyCurrent: 1, failed: [] });
  });

  it('never overwrites a secret edited while the rotation runs', async () => {
    const edited = bWithA.seal({ value: 'changed by a user meanwhile' }, ownerOf(NUMBERED, 1));
    const query = dataSource.query.bind(dataSource);
    // The edit lands after rotation read the rows and before it writes them back.
    vi.spyOn(dataSource, 'query').mockImplementationOnce(async (sql: string, parameters?: unknown[]) => {
      const rows: unknown = await query(sql, parameters);
      await query(`UPDATE probe_numbered SET secret = ${p(1)} WHERE id = ${p(2)}`, [edited, 1]);
      return rows;
    });
    const report = await reencryptAll(dataSource, COLUMNS, bWithA.cipher);
    vi.restoreAllMocks();
    expect(report).toMatchObject({ scanned: 5, reencrypted: 4, changedConcurrently: 1, failed: [] });
    expect(await get(NUMBERED, 1)).toBe(edited);
  });
});
