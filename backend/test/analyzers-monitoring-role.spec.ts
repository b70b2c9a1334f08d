import request from 'supertest';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './app-harness';
import { setupAdmin } from './auth-helpers';
import { createThrowawayDatabase } from './pg';
import { describeEachStorage } from './storage-targets';

describeEachStorage('monitoring role privileges after collection', (dialect) => {
  let monitored: Awaited<ReturnType<typeof createThrowawayDatabase>>;
  let sut: TestApp;
  let admin: string;

  beforeAll(async () => {
    monitored = await createThrowawayDatabase();
    sut = await startTestApp({ dialect });
    admin = await setupAdmin(sut);
  });
  afterAll(async () => {
    await sut?.close();
    await monitored?.drop();
  });

  it('warns about a superuser monitoring role on an instance whose connection was never tested', async () => {
    // The throw-away database's URL connects as the cluster's superuser, postgres.
    const created = await request(sut.server)
      .post('/api/instances')
      .auth(admin, { type: 'bearer' })
      .send({ name: 'untested', connection: { value: monitored.url } })
      .expect(201);
    const id = created.body.id as string;
    const collected = await request(sut.server).post(`/api/instances/${id}/collect`).auth(admin, { type: 'bearer' }).expect(200);
    expect(collected.body.collectors.find((summary: { collectorId: string }) => summary.collectorId === 'instance')).toMatchObject({ status: 'ok' });

    const analysis = await request(sut.server).post(`/api/instances/${id}/analyze`).auth(admin, { type: 'bearer' }).expect(200);
    expect(analysis.body.skipped.map((skip: { analyzerId: string }) => skip.analyzerId)).not.toContain('monitoring-role-privileges');
    const findings = await request(sut.server)
      .get(`/api/instances/${id}/findings`)
      .query({ analyzer: 'monitoring-role-privileges' })
      .auth(admin, { type: 'bearer' })
      .expect(200);
    expect(findings.body.items).toEqual([
      expect.objectContaining({
        analyzerId: 'monitoring-role-privileges',
        status: 'open',
        severity: 'warning',
        objects: { role: 'postgres' },
        evidence: expect.objectContaining({ superuser: true }),
      }),
    ]);
  });
});
