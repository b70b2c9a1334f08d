import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SCHEDULED_BACKUP_CHECK } from '@inspector/contracts';
import { BackupSchedulerService } from '../src/backups/backup-scheduler.service';
import { parseDatabaseUrl } from '../src/config/database-url';
import { DeliveryWorker } from '../src/notifiers/delivery.worker';
import { startTestApp, type TestApp } from './app-harness';
import { createRole, createUser, setupAdmin } from './auth-helpers';
import { type HttpSink, startHttpSink } from './notifiers-fixtures';
import { describeEachStorage, freshStorage, type StorageFixture } from './storage-targets';

const BACKUP_KEY = 'backup-key-QWERTYUIOPASDFGHJKLZXCVBNM-0123456789';

interface NotifiedEvent {
  event: string;
  finding: { analyzerId: string; instanceId: string | null; instanceName: string; title: string; evidence: { error: string } };
}

/** Issue 17 item 2: a failed scheduled backup is a finding on Inspector itself, notified like any other. */
describeEachStorage('a failed scheduled backup', (dialect) => {
  let sut: TestApp;
  let admin: string;
  let workDir: string;
  let backupDir: string;
  let webhook: HttpSink;
  let storage: StorageFixture;
  const api = () => request(sut.server);
  const backupFindings = async (status: string) =>
    (
      (await api().get(`/api/findings?status=${status}&analyzer=${SCHEDULED_BACKUP_CHECK}`).auth(admin, { type: 'bearer' }).expect(200)).body as {
        items: Array<{ instanceId: string | null; instanceName: string; status: string; title: string }>;
      }
    ).items;
  const delivered = () => webhook.received.map((message) => (JSON.parse(message.body) as { events: NotifiedEvent[] }).events);

  beforeAll(async () => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'inspector-backup-finding-'));
    // A regular file where the directory should be: no run can write there, whoever the tests run as.
    backupDir = path.join(workDir, 'backups');
    fs.writeFileSync(backupDir, 'not a directory');
    // Backups read SQLite from its file, so this one is not in memory.
    const sqliteUrl = `sqlite:${path.join(workDir, 'inspector.sqlite')}`;
    storage =
      dialect === 'sqlite' ? { databaseUrl: sqliteUrl, target: parseDatabaseUrl(sqliteUrl), dispose: async () => undefined } : await freshStorage('postgres');
    sut = await startTestApp({ storage, env: { BACKUP_DIR: backupDir, BACKUP_KEY, NOTIFIER_ALLOWED_HOSTS: '127.0.0.1' } });
    admin = await setupAdmin(sut);
    webhook = await startHttpSink();
    const channel = await api()
      .post('/api/notifiers/channels')
      .auth(admin, { type: 'bearer' })
      .send({ name: 'ops', target: { type: 'webhook', url: webhook.url, secret: { value: 'whsec-backup-finding-key-0123' } } })
      .expect(201);
    await api()
      .post('/api/notifiers/rules')
      .auth(admin, { type: 'bearer' })
      .send({ name: 'everything', channelId: channel.body.id, minSeverity: 'info' })
      .expect(201);
  });
  afterAll(async () => {
    await sut.close();
    await storage.dispose();
    await webhook.close();
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  it('raises a finding on Inspector that a channel receives; the next successful run resolves it and says so', async () => {
    const scheduler = sut.app.get(BackupSchedulerService);
    await scheduler.runNow();
    expect(await backupFindings('open')).toEqual([expect.objectContaining({ instanceId: null, instanceName: 'Inspector', title: 'Scheduled backup failed' })]);
    await sut.app.get(DeliveryWorker).deliverDue();
    expect(delivered()).toEqual([
      [
        expect.objectContaining({
          event: 'opened',
          finding: expect.objectContaining({
            analyzerId: SCHEDULED_BACKUP_CHECK,
            instanceId: null,
            instanceName: 'Inspector',
            evidence: expect.objectContaining({ error: expect.stringMatching(/\S/) }),
          }),
        }),
      ],
    ]);

    // Failing again keeps the one finding open and sends nothing new.
    await scheduler.runNow();
    expect(await backupFindings('open')).toHaveLength(1);
    expect(await sut.app.get(DeliveryWorker).deliverDue()).toMatchObject({ sent: 0 });

    fs.rmSync(backupDir);
    await scheduler.runNow();
    expect(fs.readdirSync(backupDir)).toHaveLength(1);
    expect(await backupFindings('open')).toEqual([]);
    expect(await backupFindings('resolved')).toEqual([expect.objectContaining({ instanceName: 'Inspector', status: 'resolved' })]);
    await sut.app.get(DeliveryWorker).deliverDue();
    expect(delivered()).toHaveLength(2);
    expect(delivered()[1]).toEqual([expect.objectContaining({ event: 'resolved', finding: expect.objectContaining({ analyzerId: SCHEDULED_BACKUP_CHECK }) })]);
  }, 60_000);

  it('shows Inspector’s own finding only to users who read findings everywhere, not to users scoped to some instances', async () => {
    // The previous test left a working directory behind: break it again to reopen the finding.
    fs.rmSync(backupDir, { recursive: true });
    fs.writeFileSync(backupDir, 'not a directory');
    await sut.app.get(BackupSchedulerService).runNow();
    const [finding] = (await api().get(`/api/findings?analyzer=${SCHEDULED_BACKUP_CHECK}&status=open`).auth(admin, { type: 'bearer' }).expect(200)).body
      .items as Array<{ id: string }>;
    expect(finding).toBeDefined();

    const roleId = await createRole(sut, admin, ['findings:read', 'findings:write']);
    const everywhere = await createUser(sut, admin, [{ roleId }]);
    const scoped = await createUser(sut, admin, [{ roleId, scope: { tags: ['prod'] } }]);
    const list = (token: string) => api().get(`/api/findings?analyzer=${SCHEDULED_BACKUP_CHECK}&status=open`).auth(token, { type: 'bearer' }).expect(200);
    expect((await list(everywhere.token)).body.items).toEqual([expect.objectContaining({ id: finding.id })]);
    expect((await list(scoped.token)).body.items).toEqual([]);
    await api().patch(`/api/findings/${finding.id}`).auth(scoped.token, { type: 'bearer' }).send({ action: 'acknowledge' }).expect(404);
    await api().patch(`/api/findings/${finding.id}`).auth(everywhere.token, { type: 'bearer' }).send({ action: 'acknowledge' }).expect(200);
  });
});
