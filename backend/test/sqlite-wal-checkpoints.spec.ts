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
  let dir: string | undefined;
  afterEach(async () => {
    await sut?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('has its write-ahead log checkpointed by another thread: commits never checkpoint, and the log starts over', async () => {
    const own = fs.mkdtempSync(path.join(os.tmpdir(), 'inspector-wal-'));
    dir = own;
    const databaseUrl = `sqlite:${path.join(own, 'inspector.sqlite')}`;
    // A storage of the test's own: the harness disposes only the storage it made.
    sut = await startTestApp({ storage: { databaseUrl, target: parseDatabaseUrl(databaseUrl), dispose: async () => undefined } });
    const dataSource = sut.app.get(DataSource);
    const walSize = () => fs.statSync(path.join(own, 'inspector.sqlite-wal')).size;
    expect(await dataSource.query('PRAGMA wal_autocheckpoint')).toEqual([{ wal_autocheckpoint: 0 }]);

    await dataSource.query('CREATE TABLE wal_probe (payload BLOB)');
    await dataSource.query(FOUR_MEGABYTES);
    const afterOneWrite = walSize();
    expect(afterOneWrite).toBeGreaterThan(4_000_000);
    // The thread checkpoints every second; once it has caught up, the next write starts the log from its beginning.
    await new Promise((resolve) => setTimeout(resolve, 3_500));
    await dataSource.query(FOUR_MEGABYTES);
    expect(walSize()).toBeLessThan(afterOneWrite * 1.2);
    expect(await dataSource.query('SELECT COUNT(*) AS rows FROM wal_probe')).toEqual([{ rows: 2000 }]);
  });
});
