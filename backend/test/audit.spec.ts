import request from 'supertest';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import { AuditEventEntity } from '../src/audit/audit-event.entity';
import { AuditService } from '../src/audit/audit.service';
import { startTestApp, type TestApp } from './app-harness';
import { setupAdmin } from './auth-helpers';
import { describeEachStorage } from './storage-targets';

const DAY = 86_400_000;

describeEachStorage('audit log retention and filters', (dialect) => {
  let sut: TestApp;
  let admin: string;
  beforeAll(async () => {
    sut = await startTestApp({ dialect, env: { AUDIT_RETENTION_DAYS: '30' } });
    admin = await setupAdmin(sut);
    const audit = sut.app.get(AuditService);
    const now = Date.now();
    for (const [action, ageDays] of [
      ['test.ancient', 400],
      ['test.old', 40],
      ['test.recent', 10],
    ] as const) {
      await audit.record({ action, outcome: 'success' });
      await sut.app
        .get(DataSource)
        .createQueryBuilder()
        .update(AuditEventEntity)
        .set({ at: new Date(now - ageDays * DAY) })
        .where('action = :action', { action })
        .execute();
    }
  });
  afterAll(async () => sut.close());

  it('filters by time range', async () => {
    const from = new Date(Date.now() - 60 * DAY).toISOString();
    const to = new Date(Date.now() - 5 * DAY).toISOString();
    const page = await request(sut.server).get('/api/audit').query({ from, to }).auth(admin, { type: 'bearer' }).expect(200);
    expect(page.body.items.map((event: { action: string }) => event.action)).toEqual(['test.recent', 'test.old']);
  });

  it('purges only events older than the retention', async () => {
    const removed = await sut.app.get(AuditService).purgeExpired();
    expect(removed).toBe(2);
    const left = await request(sut.server).get('/api/audit').query({ limit: 500 }).auth(admin, { type: 'bearer' }).expect(200);
    const actions = left.body.items.map((event: { action: string }) => event.action);
    expect(actions).toContain('test.recent');
    expect(actions).toContain('setup');
    expect(actions).not.toContain('test.old');
  });
});
