import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BackupSchedulerService } from '../src/backups/backup-scheduler.service';
import { backupTables, dumpValue } from '../src/backups/backup-tables';
import { openSnapshotSource } from '../src/backups/snapshot-source';
import { parseDatabaseUrl } from '../src/config/database-url';
import { entities } from '../src/entities';
import { FindingEntity } from '../src/findings/finding.entity';
import { ensurePartitions } from '../src/metrics/point-partitions';
import { startTestApp, TEST_APP_SECRET, TEST_JWT_SECRET, type TestApp } from './app-harness';
import { ADMIN, createRole, login, setupAdmin } from './auth-helpers';
import { runToEnd, type Finished } from './process';
import { freshStorage, type StorageDialect, type StorageFixture } from './storage-targets';

// Every case runs the built CLI several times against real storage: slow machines need more than the default.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

const BACKUP_KEY = 'backup-key-QWERTYUIOPASDFGHJKLZXCVBNM-0123456789';
const OTHER_BACKUP_KEY = 'backup-key-mnbvcxzlkjhgfdsapoiuytrewq-9876543210';
const OTHER_APP_SECRET = 'other-app-secret-0123456789ABCDEFGHIJKLMNOPQRSTUVW';
// Distinctive values, searched for in the file's bytes: none may appear in clear.
const MONITOR_PASSWORD = `Monitor-Pw-${randomBytes(6).toString('hex')}`;
const MONITOR_URL = `postgres://postgres:${MONITOR_PASSWORD}@127.0.0.1:5432/postgres`;
const INSTANCE_NAME = `Payroll-Primary-${randomBytes(4).toString('hex')}`;
const WEBHOOK_SECRET = `hook-secret-${randomBytes(8).toString('hex')}`;

let workDir: string;
beforeAll(() => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'inspector-backup-'));
});
afterAll(() => fs.rmSync(workDir, { recursive: true, force: true }));

/** A SQLite file (a backup reads it through a connection of its own, so in-memory will not do) or a throw-away PostgreSQL database. */
async function storageOf(dialect: StorageDialect): Promise<StorageFixture> {
  if (dialect === 'postgres') return freshStorage('postgres');
  const databaseUrl = `sqlite:${path.join(workDir, `${randomUUID()}.sqlite`)}`;
  return { databaseUrl, target: parseDatabaseUrl(databaseUrl), dispose: async () => undefined };
}

function cli(args: string[], storage: StorageFixture, env: Record<string, string> = {}): Promise<Finished> {
  return runToEnd(
    'cli.js',
    args,
    { DATA_DIR: workDir, DATABASE_URL: storage.databaseUrl, APP_SECRET: TEST_APP_SECRET, AUTH_JWT_SECRET: TEST_JWT_SECRET, BACKUP_KEY, ...env },
    120_000,
  );
}

function backupFileIn(dir: string): string {
  const files = fs.readdirSync(dir).filter((name) => name.endsWith('.inspbak'));
  expect(files).toHaveLength(1);
  return path.join(dir, files[0]);
}

/** Every table of a storage, read as the dump reads it: equal content compares equal across dialects. */
async function contentOf(storage: StorageFixture): Promise<Record<string, unknown[][]>> {
  const source = await openSnapshotSource(storage.target, entities);
  const content: Record<string, unknown[][]> = {};
  try {
    await source.inSnapshot(async (reader) => {
      for (const table of backupTables(source.dataSource)) {
        content[table.name] = [];
        for await (const batch of reader.batches(table)) {
          for (const row of batch) content[table.name].push(table.columns.map((column) => dumpValue(column.kind, row[column.name])));
        }
      }
    });
  } finally {
    await source.close();
  }
  return content;
}

/** An installation with something of everything a restore must bring back, then stopped. */
async function populate(storage: StorageFixture): Promise<{ instanceId: string }> {
  const sut: TestApp = await startTestApp({ storage, env: { NOTIFIER_ALLOWED_HOSTS: '127.0.0.1' } });
  try {
    const admin = await setupAdmin(sut);
    const as = (method: 'post' | 'get', route: string) => request(sut.server)[method](route).auth(admin, { type: 'bearer' });
    await createRole(sut, admin, ['instances:read']);
    const instance = await as('post', '/api/instances')
      .send({ name: INSTANCE_NAME, connection: { value: MONITOR_URL } })
      .expect(201);
    await as('post', `/api/instances/${instance.body.id}/collect`).expect(200);
    await as('post', '/api/notifiers/channels')
      .send({ name: 'hooks', target: { type: 'webhook', url: 'http://127.0.0.1:9/hook', secret: { value: WEBHOOK_SECRET } } })
      .expect(201);
    const dataSource = sut.app.get(DataSource);
    const now = new Date();
    // Raw points over the last three days: on PostgreSQL each day is a partition of its own the restore must create.
    const [{ id: seriesId }] = await dataSource.query('SELECT MIN(id) AS id FROM metric_series');
    const times = Array.from({ length: 12 }, (_, index) => now.getTime() - 3 * 86_400_000 + index * 6 * 3_600_000);
    if (storage.target.dialect === 'postgres') await ensurePartitions((statement) => dataSource.query(statement), times[0], times[times.length - 1]);
    const mark = storage.target.dialect === 'postgres' ? (index: number) => `$${index}` : () => '?';
    await dataSource.query(
      `INSERT INTO metric_point (series_id, at, value, delta) VALUES ${times.map((_, index) => `(${mark(3 * index + 1)}, ${mark(3 * index + 2)}, ${mark(3 * index + 3)}, NULL)`).join(', ')}`,
      times.flatMap((at, index) => [seriesId, at, index === 5 ? 0.1 + 0.2 : index * 1.5]),
    );
    await dataSource.getRepository(FindingEntity).insert({
      id: randomUUID(),
      instanceId: instance.body.id,
      fingerprint: 'f'.repeat(64),
      analyzerId: 'backup-test',
      severity: 'warning',
      objects: {},
      title: 'A finding kept by the backup',
      evidence: { rows: 1 },
      recommendation: 'none',
      status: 'open',
      snoozedUntil: null,
      statusChangedBy: null,
      statusChangedAt: null,
      firstSeenAt: now,
      lastSeenAt: now,
      resolvedAt: null,
    });
    return { instanceId: instance.body.id as string };
  } finally {
    await sut.close();
  }
}

const directions: Array<[StorageDialect, StorageDialect]> = [
  ['sqlite', 'postgres'],
  ['postgres', 'sqlite'],
];

for (const [from, to] of directions) {
  describe(`backup from ${from}, restore into ${to}`, () => {
    let source: StorageFixture;
    let target: StorageFixture;
    let instanceId: string;
    let file: string;

    beforeAll(async () => {
      source = await storageOf(from);
      target = await storageOf(to);
      ({ instanceId } = await populate(source));
      const outDir = path.join(workDir, `out-${from}-${randomUUID()}`);
      const created = await cli(['backup:create', '--out', outDir], source);
      expect(created.code, created.stderr).toBe(0);
      file = backupFileIn(outDir);
    });
    afterAll(async () => {
      await source.dispose();
      await target.dispose();
    });

    it('writes one file in which no password, instance name or username appears in clear', () => {
      const bytes = fs.readFileSync(file);
      for (const text of [MONITOR_PASSWORD, INSTANCE_NAME, ADMIN.username, WEBHOOK_SECRET, 'A finding kept by the backup']) {
        expect(bytes.includes(Buffer.from(text)), text).toBe(false);
      }
      expect(fs.statSync(file).mode & 0o077).toBe(0);
    });

    it('verifies the file and lists what it holds, without touching any storage', async () => {
      const verified = await cli(['backup:verify', file], target);
      expect(verified.code, verified.stderr).toBe(0);
      expect(verified.stdout).toContain(`Backup is intact: written`);
      expect(verified.stdout).toContain(`from ${from}`);
      expect(verified.stdout).toMatch(/ {2}instance: 1\n/);
      expect(verified.stdout).toMatch(/ {2}metric_point: 12\n/);
    });

    it(`restores into an empty ${to} storage with identical content, and the app works on it`, async () => {
      const restored = await cli(['backup:restore', file], target);
      expect(restored.code, restored.stderr).toBe(0);
      expect(restored.stdout).toContain(`from a ${from} backup`);
      expect(await contentOf(target)).toEqual(await contentOf(source));

      const sut = await startTestApp({ storage: target });
      try {
        const token = await login(sut, ADMIN.username, ADMIN.password);
        const get = (route: string) => request(sut.server).get(route).auth(token, { type: 'bearer' }).expect(200);
        expect((await get('/api/instances')).body.items ?? (await get('/api/instances')).body).toEqual(
          expect.arrayContaining([expect.objectContaining({ id: instanceId, name: INSTANCE_NAME })]),
        );
        expect(JSON.stringify((await get('/api/roles')).body)).toMatch(/role-\d+/);
        expect(JSON.stringify((await get('/api/notifiers/channels')).body)).toContain('"hooks"');
        expect(JSON.stringify((await get('/api/findings')).body)).toContain('A finding kept by the backup');
        const tested = await request(sut.server).post(`/api/instances/${instanceId}/test`).auth(token, { type: 'bearer' }).expect(200);
        expect(tested.body.ok, JSON.stringify(tested.body)).toBe(true);
      } finally {
        await sut.close();
      }
    });

    it('refuses to restore into a storage that is no longer empty unless told to replace it', async () => {
      const refused = await cli(['backup:restore', file], target);
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toMatch(/is not empty .*give --force/);
      const forced = await cli(['backup:restore', file, '--force'], target);
      expect(forced.code, forced.stderr).toBe(0);
      expect(await contentOf(target)).toEqual(await contentOf(source));
    });
  });
}

describe('backups that must not be used', () => {
  let source: StorageFixture;
  let file: string;

  beforeAll(async () => {
    source = await storageOf('sqlite');
    await populate(source);
    const outDir = path.join(workDir, `out-bad-${randomUUID()}`);
    const created = await cli(['backup:create', '--out', outDir], source);
    expect(created.code, created.stderr).toBe(0);
    file = backupFileIn(outDir);
  });

  function variant(name: string, change: (bytes: Buffer) => Buffer): string {
    const changed = path.join(workDir, `${randomUUID()}-${name}.inspbak`);
    fs.writeFileSync(changed, change(fs.readFileSync(file)));
    return changed;
  }

  const spoiled: Array<[string, () => string, Record<string, string>, RegExp]> = [
    [
      'one flipped byte',
      () => variant('flipped', (bytes) => Buffer.from(bytes.map((byte, index) => (index === bytes.length - 100 ? byte ^ 0x01 : byte)))),
      {},
      /altered/,
    ],
    [
      'a flipped byte in the header',
      () => variant('header', (bytes) => Buffer.from(bytes.map((byte, index) => (index === 40 ? byte ^ 0x01 : byte)))),
      {},
      /altered|damaged|wrong key/,
    ],
    ['a truncated file', () => variant('truncated', (bytes) => bytes.subarray(0, bytes.length - 10)), {}, /truncated/],
    ['a wrong key', () => file, { BACKUP_KEY: OTHER_BACKUP_KEY }, /wrong key/],
  ];

  for (const [problem, fileOf, env, message] of spoiled) {
    it(`fails verify and restore on ${problem} with a one-line message, creating nothing`, async () => {
      const spoiledFile = fileOf();
      const target = await storageOf('sqlite');
      const verified = await cli(['backup:verify', spoiledFile], target, env);
      expect(verified.code).not.toBe(0);
      expect(verified.stderr.trim()).toMatch(message);
      expect(verified.stderr.trim().split('\n')).toHaveLength(1);
      const restored = await cli(['backup:restore', spoiledFile], target, env);
      expect(restored.code).not.toBe(0);
      expect(restored.stderr.trim()).toMatch(message);
      expect(fs.existsSync(target.target.dialect === 'sqlite' ? target.target.database : '')).toBe(false);
    });
  }

  it('refuses a backup sealed under another APP_SECRET, then re-seals it when that secret is given as APP_SECRET_PREVIOUS', async () => {
    const target = await storageOf('postgres');
    try {
      const refused = await cli(['backup:restore', file], target, { APP_SECRET: OTHER_APP_SECRET });
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toContain('this backup was sealed with another APP_SECRET; give it as APP_SECRET_PREVIOUS to re-seal');
      const restored = await cli(['backup:restore', file], target, { APP_SECRET: OTHER_APP_SECRET, APP_SECRET_PREVIOUS: TEST_APP_SECRET });
      expect(restored.code, restored.stderr).toBe(0);
      expect(restored.stdout).toContain('Re-sealed 2 secret(s) under the current APP_SECRET');

      // The app now runs under the new secret alone and still opens the monitored database's password.
      const sut = await startTestApp({ storage: target, env: { APP_SECRET: OTHER_APP_SECRET } });
      try {
        const token = await login(sut, ADMIN.username, ADMIN.password);
        const instances = await request(sut.server).get('/api/instances').auth(token, { type: 'bearer' }).expect(200);
        const [instance] = (instances.body.items ?? instances.body) as Array<{ id: string }>;
        const tested = await request(sut.server).post(`/api/instances/${instance.id}/test`).auth(token, { type: 'bearer' }).expect(200);
        expect(tested.body.ok, JSON.stringify(tested.body)).toBe(true);
      } finally {
        await sut.close();
      }
    } finally {
      await target.dispose();
    }
  });

  it('leaves the collected history out with --no-history and keeps the configuration', async () => {
    const outDir = path.join(workDir, `out-config-${randomUUID()}`);
    const created = await cli(['backup:create', '--out', outDir, '--no-history'], source);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toContain('configuration only');
    const verified = await cli(['backup:verify', backupFileIn(outDir)], source);
    expect(verified.stdout).toContain('without history');
    expect(verified.stdout).not.toContain('metric_point');
    expect(verified.stdout).toMatch(/ {2}instance: 1\n/);
    expect(verified.stdout).toMatch(/ {2}user: 1\n/);
  });

  const refusedKeys: Array<[string, Record<string, string>, RegExp]> = [
    ['missing', { BACKUP_KEY: '' }, /BACKUP_KEY is not set/],
    ['weak', { BACKUP_KEY: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' }, /BACKUP_KEY is too predictable/],
    ['short', { BACKUP_KEY: 'Xy7-short' }, /BACKUP_KEY must be at least 32 bytes/],
    ['equal to APP_SECRET', { BACKUP_KEY: TEST_APP_SECRET }, /BACKUP_KEY must differ from APP_SECRET/],
    ['equal to AUTH_JWT_SECRET', { BACKUP_KEY: TEST_JWT_SECRET }, /BACKUP_KEY must differ from AUTH_JWT_SECRET/],
  ];
  for (const [what, env, message] of refusedKeys) {
    it(`refuses a BACKUP_KEY that is ${what} with exit code 2, writing nothing`, async () => {
      const outDir = path.join(workDir, `out-refused-${randomUUID()}`);
      const created = await cli(['backup:create', '--out', outDir], source, env);
      expect(created.code).toBe(2);
      expect(created.stderr).toMatch(message);
      expect(fs.existsSync(outDir)).toBe(false);
      const verified = await cli(['backup:verify', file], source, env);
      expect(verified.code).toBe(2);
    });
  }
});

describe('scheduled backups', () => {
  it('writes a backup each run, keeps exactly BACKUP_KEEP newest, audits each run and shows the result on health', async () => {
    const storage = await storageOf('sqlite');
    const backupDir = path.join(workDir, `scheduled-${randomUUID()}`);
    const sut = await startTestApp({ storage, env: { BACKUP_DIR: backupDir, BACKUP_KEY, BACKUP_KEEP: '2' } });
    try {
      const admin = await setupAdmin(sut);
      expect((await request(sut.server).get('/api/health').expect(200)).body.backups).toMatchObject({ status: 'pending', lastSuccessAt: null });
      const scheduler = sut.app.get(BackupSchedulerService);
      const written: string[] = [];
      for (let run = 0; run < 3; run++) {
        await scheduler.runNow();
        written.push(...fs.readdirSync(backupDir).filter((name) => !written.includes(name)));
      }
      expect(written).toHaveLength(3);
      expect(fs.readdirSync(backupDir).sort()).toEqual(written.slice(1).sort());

      const health = (await request(sut.server).get('/api/health').expect(200)).body;
      expect(health.status).toBe('ok');
      expect(health.backups).toMatchObject({ status: 'ok', lastSuccessAt: expect.any(String), lastFailureAt: null });
      const audit = await request(sut.server).get('/api/audit?action=backup.create').auth(admin, { type: 'bearer' }).expect(200);
      expect(audit.body.items.filter((event: { outcome: string }) => event.outcome === 'success')).toHaveLength(3);

      // The directory turns into a file: the run fails, says so on health and in the audit, and the app stays up.
      fs.rmSync(backupDir, { recursive: true });
      fs.writeFileSync(backupDir, 'not a directory');
      await scheduler.runNow();
      const failed = (await request(sut.server).get('/api/health').expect(200)).body;
      expect(failed.status).toBe('ok');
      expect(failed.backups).toMatchObject({ status: 'failed', lastFailureAt: expect.any(String), lastSuccessAt: health.backups.lastSuccessAt });
      const afterFailure = await request(sut.server).get('/api/audit?action=backup.create').auth(admin, { type: 'bearer' }).expect(200);
      expect(afterFailure.body.items.filter((event: { outcome: string }) => event.outcome === 'failure')).toHaveLength(1);
      expect(sut.rawLogs()).toContain('Scheduled backup failed');
    } finally {
      await sut.close();
    }
  });

  it('refuses to start with BACKUP_DIR set and no usable BACKUP_KEY', async () => {
    await expect(startTestApp({ env: { BACKUP_DIR: path.join(workDir, 'never'), BACKUP_KEY: TEST_APP_SECRET } })).rejects.toThrow(
      /BACKUP_DIR is set, but BACKUP_KEY must differ from APP_SECRET/,
    );
  });
});
