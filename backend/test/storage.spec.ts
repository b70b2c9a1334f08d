import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDatabaseUrl } from '../src/config/database-url';
import { entities } from '../src/entities';
import { AppSetting } from '../src/app-settings/app-setting.entity';
import { openStorage } from '../src/storage/storage';
import { describeEachStorage, freshStorage, type StorageFixture } from './storage-targets';

describeEachStorage('storage', (dialect) => {
  let storage: StorageFixture;
  beforeAll(async () => {
    storage = await freshStorage(dialect);
  });
  afterAll(async () => storage.dispose());

  it('applies every migration on an empty database, then none on the next start', async () => {
    // In-memory SQLite forgets everything on close, so the restart check uses a file.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inspector-storage-'));
    const target = dialect === 'sqlite' ? parseDatabaseUrl(`sqlite:${path.join(dir, 'inspector.sqlite')}`) : storage.target;
    const first = await openStorage(target, entities);
    expect(first.applied.length).toBeGreaterThan(0);
    await first.dataSource.destroy();

    const second = await openStorage(target, entities);
    expect(second.applied).toEqual([]);
    await second.dataSource.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it.runIf(dialect === 'sqlite')('keeps a SQLite file in WAL mode, synced at checkpoints rather than at every commit', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inspector-storage-'));
    const opened = await openStorage(parseDatabaseUrl(`sqlite:${path.join(dir, 'inspector.sqlite')}`), entities);
    const pragma = async (name: string) => Object.values(((await opened.dataSource.query(`PRAGMA ${name}`)) as object[])[0]!)[0];
    expect(await pragma('journal_mode')).toBe('wal');
    // 1 = NORMAL: a commit no longer waits for the disk; the file stays consistent after any crash.
    expect(await pragma('synchronous')).toBe(1);
    await opened.dataSource.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('has a schema that matches the entities exactly (migrations are the only source of schema)', async () => {
    const { dataSource } = await openStorage(storage.target, entities);
    try {
      const pending = await dataSource.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((query) => query.query)).toEqual([]);
    } finally {
      await dataSource.destroy();
    }
  });

  it('round-trips a setting with unicode and quotes', async () => {
    const { dataSource } = await openStorage(storage.target, entities);
    try {
      const settings = dataSource.getRepository(AppSetting);
      const value = JSON.stringify({ note: `l'équipe "ops" — 監視` });
      await settings.save({ key: 'retention', value, updatedAt: new Date(1_764_480_000_123) });
      const stored = await settings.findOneByOrFail({ key: 'retention' });
      expect(stored.value).toBe(value);
      expect(stored.updatedAt).toEqual(new Date(1_764_480_000_123));
    } finally {
      await dataSource.destroy();
    }
  });
});

describe('storage errors', () => {
  it('reports an unreachable PostgreSQL without its password', async () => {
    const url = 'postgres://inspector:Sup3r-Secret-pw@127.0.0.1:1/inspector';
    const failure = await openStorage(parseDatabaseUrl(url), entities).catch((error: Error) => error);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toMatch(/cannot open PostgreSQL database "inspector" on 127\.0\.0\.1/);
    expect((failure as Error).message).not.toContain('Sup3r-Secret-pw');
  });
});
