import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { afterEach, describe, expect, it } from 'vitest';
import { parseDatabaseUrl } from '../src/config/database-url';
import { startTestApp, type TestApp } from './app-harness';

const FOUR_MEGABYTES = `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000)
  INSERT INTO wal_probe SELECT randomblob(4000) FROM n`;

describe('SQLite storage in a file', () => {
  let sut: TestApp | undefined;
  afterEach(async () => sut?.close());

  it('has its write-ahead log checkpointed by another thread: commits never checkpoint, and the log starts over', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inspector-wal-'));
    const databaseUrl = `sqlite:${path.join(dir, 'inspector.sqlite')}`;
    sut = await startTestApp({
      storage: { databaseUrl, target: parseDatabaseUrl(databaseUrl), dispose: async () => fs.rmSync(dir, { recursive: true, force: true }) },
    });
    const dataSource = sut.app.get(DataSource);
    const walSize = () => fs.statSync(path.join(dir, 'inspector.sqlite-wal')).size;
    expect(await dataSource.query('PRAGMA wal_autocheckpoint')).toEqual([{ wal_autocheckpoint: 0 }]);

    await dataSource.query('CREATE TABLE wal_probe (payload BLOB)');
    await dataSource.query(FOUR_MEGABYTES);
    const afterOneWrite = walSize();
    expect(afterOneWrite).toBeGreaterThan(4_000_000);
    // The thread checkpoints every second; once it has caught up, the next write starts the log from its beginning.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    await dataSource.query(FOUR_MEGABYTES);
    expect(walSize()).toBeLessThan(afterOneWrite * 1.2);
    expect(await dataSource.query('SELECT COUNT(*) AS rows FROM wal_probe')).toEqual([{ rows: 2000 }]);
  });
});
