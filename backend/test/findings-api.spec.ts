import request from 'supertest';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { AnalysisService } from '../src/findings/analysis.service';
import { FindingEntity } from '../src/findings/finding.entity';
import { type FindingChanges, FindingEvents } from '../src/findings/finding-events';
import { FindingsService } from '../src/findings/findings.service';
import { CollectorStatusEntity } from '../src/metrics/collector-status.entity';
import { MetricsStore } from '../src/metrics/metrics.store';
import { SnapshotEntity } from '../src/metrics/snapshot.entity';
import { daysAgo, DEFAULT_SETTINGS, index, session, table } from './analyzers-fixtures';
import { startTestApp, type TestApp } from './app-harness';
import { createRole, createUser, setupAdmin } from './auth-helpers';
import { describeEachStorage } from './storage-targets';

/**
 * The findings API on stored snapshots crafted here (no monitored server): what analysis opens, updates and
 * resolves, filters and scopes, status changes, per-instance thresholds, retention and cascade.
 */
describeEachStorage('findings API', (dialect) => {
  let sut: TestApp;
  let admin: string;
  let shop: string;
  let other: string;
  const changes: FindingChanges[] = [];

  const api = () => request(sut.server);
  const as = (token: string) => ({
    get: (path: string) => api().get(path).auth(token, { type: 'bearer' }),
    post: (path: string) => api().post(path).auth(token, { type: 'bearer' }),
    put: (path: string) => api().put(path).auth(token, { type: 'bearer' }),
    patch: (path: string) => api().patch(path).auth(token, { type: 'bearer' }),
  });

  /** Stores snapshots as the collectors would, with a successful run of each collector behind them. */
  async function store(instanceId: string, snapshots: Record<string, object[]>, status: 'ok' | 'error' = 'ok') {
    const dataSource = sut.app.get(DataSource);
    for (const [kind, rows] of Object.entries(snapshots)) {
      await dataSource.getRepository(SnapshotEntity).upsert({ instanceId, kind, at: new Date(), rows }, ['instanceId', 'kind']);
      const collectorId = { settings: 'instance', standbys: 'replication' }[kind] ?? kind.replace(/\.facts$/, '');
      await dataSource
        .getRepository(CollectorStatusEntity)
        .upsert({ instanceId, collectorId, status, lastRunAt: new Date(), durationMs: 1, rows: rows.length, error: null, consecutiveFailures: 0 }, [
          'instanceId',
          'collectorId',
        ]);
    }
  }

  const problems = {
    tables: [table()],
    indexes: [index({ index_name: 'orders_note_idx', columns: 'note' })],
    activity: [session({ pid: 77, state: 'idle in transaction', state_seconds: 900, xact_start: daysAgo(0.02) })],
    settings: DEFAULT_SETTINGS,
  };

  beforeAll(async () => {
    sut = await startTestApp({ dialect });
    admin = await setupAdmin(sut);
    const create = (name: string) =>
      as(admin)
        .post('/api/instances')
        .send({ name, connection: { value: 'postgres://monitor:pw@127.0.0.1:5432/postgres' } })
        .expect(201);
    shop = (await create('shop')).body.id;
    other = (await create('other')).body.id;
    sut.app.get(FindingEvents).on('changed', (change) => void changes.push(change));
  });
  afterAll(async () => sut.close());

  it('lists every analyzer with its defaults, and rejects unknown analyzers and thresholds', async () => {
    const list = await as(admin).get('/api/analyzers').expect(200);
    expect(list.body.items.length).toBeGreaterThanOrEqual(20);
    expect(list.body.items.find((item: { id: string }) => item.id === 'unused-index')).toMatchObject({
      enabled: true,
      category: 'indexes',
      thresholds: { minIndexSizeMb: 10 },
      thresholdUnits: { minIndexSizeMb: 'megabytes', maxScans: 'count' },
      override: { enabled: null, thresholds: {} },
    });
    await as(admin).put('/api/analyzers/no-such-analyzer').send({ enabled: false }).expect(404);
    const unknown = await as(admin)
      .put('/api/analyzers/unused-index')
      .send({ thresholds: { bogus: 1 } })
      .expect(400);
    expect(unknown.body.message).toMatch(/bogus.*maxScans/);
    await as(admin)
      .put('/api/analyzers/unused-index')
      .send({ thresholds: { minIndexSizeMb: -1 } })
      .expect(400);
    // Each threshold's declared unit bounds it: a share above 1 and a fractional count can never be meant.
    const outOfRange = await as(admin)
      .put('/api/analyzers/missing-index')
      .send({ thresholds: { minSeqScanShare: 1.5, minSeqScans: 2.5 } })
      .expect(400);
    expect(outOfRange.body.message).toMatch(/minSeqScanShare is a ratio: between 0 and 1.*minSeqScans is a count/);
    const saved = await as(admin).get('/api/analyzers').expect(200);
    expect(saved.body.items.find((item: { id: string }) => item.id === 'missing-index').thresholds.minSeqScanShare).toBe(0.5);
  });

  it('analyzes stored data: opens findings on the right objects and says which analyzers could not run', async () => {
    await store(shop, problems);
    const result = await as(admin).post(`/api/instances/${shop}/analyze`).expect(200);
    const byAnalyzer = Object.fromEntries(
      result.body.findings.map((finding: { analyzerId: string; objects: object }) => [finding.analyzerId, finding.objects]),
    );
    expect(byAnalyzer).toEqual({
      'unused-index': { schema: 'public', table: 'orders', index: 'orders_note_idx' },
      'idle-in-transaction': { database: 'shop', pid: 77, transactionStart: daysAgo(0.02) },
    });
    expect(result.body).toMatchObject({ opened: 2, updated: 0, resolved: 0 });
    expect(result.body.skipped).toContainEqual({ analyzerId: 'top-statements', reason: 'no statements data collected yet' });
    expect(result.body.skipped).toContainEqual({ analyzerId: 'settings-tuning', reason: expect.stringMatching(/hardware/) });
    expect(changes.at(-1)).toMatchObject({
      instanceId: shop,
      opened: [expect.objectContaining({ instanceName: 'shop' }), expect.anything()],
      escalated: [],
      resolved: [],
    });
  });

  it('updates instead of duplicating on the next run, and tells listeners nothing when nothing changed', async () => {
    const before = changes.length;
    const again = await as(admin).post(`/api/instances/${shop}/analyze`).expect(200);
    expect(again.body).toMatchObject({ opened: 0, updated: 2, resolved: 0 });
    expect(changes.length).toBe(before);
    const rows = await sut.app.get(DataSource).getRepository(FindingEntity).findBy({ instanceId: shop });
    expect(rows).toHaveLength(2);
  });

  it('keeps findings when their data is stale rather than resolving them', async () => {
    await store(shop, { activity: [] }, 'error');
    const result = await as(admin).post(`/api/instances/${shop}/analyze`).expect(200);
    expect(result.body.resolved).toBe(0);
    expect(result.body.skipped).toContainEqual({ analyzerId: 'idle-in-transaction', reason: 'the last activity collection failed' });
  });

  it('applies per-instance thresholds and resolves what no longer qualifies; a disabled analyzer’s findings resolve too', async () => {
    const override = await as(admin)
      .put(`/api/instances/${shop}/analyzers/unused-index`)
      .send({ thresholds: { minIndexSizeMb: 500 } })
      .expect(200);
    expect(override.body).toMatchObject({ thresholds: { minIndexSizeMb: 500, maxScans: 0 }, override: { thresholds: { minIndexSizeMb: 500 } } });
    const global = await as(admin).get('/api/analyzers').expect(200);
    expect(global.body.items.find((item: { id: string }) => item.id === 'unused-index').thresholds.minIndexSizeMb).toBe(10);
    const raised = await as(admin).post(`/api/instances/${shop}/analyze`).expect(200);
    expect(raised.body.resolved).toBe(1);
    expect(changes.at(-1)?.resolved.map((finding) => finding.analyzerId)).toEqual(['unused-index']);

    await as(admin)
      .put(`/api/instances/${shop}/analyzers/unused-index`)
      .send({ thresholds: { minIndexSizeMb: null } })
      .expect(200);
    const back = await as(admin).post(`/api/instances/${shop}/analyze`).expect(200);
    expect(back.body.opened).toBe(1);
    await as(admin).put(`/api/instances/${shop}/analyzers/unused-index`).send({ enabled: false }).expect(200);
    const disabled = await as(admin).post(`/api/instances/${shop}/analyze`).expect(200);
    expect(disabled.body.skipped).toContainEqual({ analyzerId: 'unused-index', reason: 'disabled' });
    expect(disabled.body.resolved).toBe(1);
    await as(admin).put(`/api/instances/${shop}/analyzers/unused-index`).send({ enabled: null }).expect(200);
    await store(shop, problems);
    await as(admin).post(`/api/instances/${shop}/analyze`).expect(200);
  });

  it('lists, filters, sorts and paginates; the global list covers only instances the caller may read', async () => {
    await store(other, { ...problems, settings: DEFAULT_SETTINGS.map((row) => (row.name === 'autovacuum' ? { ...row, setting: 'off' } : row)) });
    await as(admin).post(`/api/instances/${other}/analyze`).expect(200);
    const all = await as(admin).get('/api/findings').query({ status: 'open' }).expect(200);
    expect(all.body.items.map((finding: { severity: string }) => finding.severity)).toEqual(['critical', 'warning', 'warning', 'warning', 'warning']);
    expect(all.body.total).toBe(5);
    const page = await as(admin).get('/api/findings').query({ status: 'open', limit: 2, offset: 4 }).expect(200);
    expect(page.body).toMatchObject({ total: 5, limit: 2, offset: 4, items: [expect.anything()] });
    const filtered = await as(admin).get('/api/findings').query({ analyzer: 'unused-index', instance: other }).expect(200);
    expect(filtered.body.items.map((finding: { instanceName: string; analyzerId: string }) => [finding.instanceName, finding.analyzerId])).toEqual([
      ['other', 'unused-index'],
    ]);
    const local = await as(admin).get(`/api/instances/${shop}/findings`).query({ severity: 'warning,critical', sort: 'lastSeen', order: 'asc' }).expect(200);
    expect(new Set(local.body.items.map((finding: { instanceId: string }) => finding.instanceId))).toEqual(new Set([shop]));
    await as(admin).get('/api/findings').query({ severity: 'bad' }).expect(400);

    const roleId = await createRole(sut, admin, ['findings:write']);
    const scoped = await createUser(sut, admin, [{ roleId, scope: { instanceIds: [other] } }]);
    const mine = await as(scoped.token).get('/api/findings').expect(200);
    expect(new Set(mine.body.items.map((finding: { instanceId: string }) => finding.instanceId))).toEqual(new Set([other]));
    expect((await as(scoped.token).get('/api/findings').query({ instance: shop }).expect(200)).body.total).toBe(0);
    await as(scoped.token).get(`/api/instances/${shop}/findings`).expect(404);
    const shopFinding = all.body.items.find((finding: { instanceId: string }) => finding.instanceId === shop);
    await as(scoped.token).patch(`/api/findings/${shopFinding.id}`).send({ action: 'acknowledge' }).expect(404);
  });

  it('summarises unresolved findings by instance and severity, most critical first, within the caller’s instances', async () => {
    const summary = await as(admin).get('/api/findings/summary').expect(200);
    expect(summary.body.items).toEqual([
      { instanceId: other, instanceName: 'other', critical: 1, warning: 2, info: 0 },
      { instanceId: shop, instanceName: 'shop', critical: 0, warning: 2, info: 0 },
    ]);
    const roleId = await createRole(sut, admin, ['findings:read']);
    const scoped = await createUser(sut, admin, [{ roleId, scope: { instanceIds: [shop] } }]);
    expect((await as(scoped.token).get('/api/findings/summary').expect(200)).body.items.map((item: { instanceName: string }) => item.instanceName)).toEqual([
      'shop',
    ]);
    const outsider = await createUser(sut, admin, [{ roleId: await createRole(sut, admin, ['instances:read']), scope: { instanceIds: [shop] } }]);
    await as(outsider.token).get('/api/findings/summary').expect(403);
  });

  it('projects from the stored series: a sequence running out within the hour is critical', async () => {
    const sequence = {
      schema_name: 'public',
      sequence_name: 'ticket_seq',
      data_type: 'bigint',
      last_value: '990',
      min_value: '1',
      max_value: '1000',
      increment_by: '1',
      cycle: false,
      remaining_fraction: 0.01,
    };
    await store(shop, { 'schema.facts': [{ tables: [], foreign_keys: [], sequences: [sequence] }] });
    const now = Date.now();
    for (const [step, value] of [0.05, 0.03, 0.01].entries()) {
      const metrics = [{ metric: 'schema.sequence_remaining_fraction', object: 'public.ticket_seq', value, kind: 'gauge' as const }];
      await sut.app
        .get(MetricsStore)
        .record(
          shop,
          { collectorId: 'schema', startedAt: new Date(now - (2 - step) * 3_600_000), durationMs: 1, status: 'ok', output: { metrics } },
          3_600_000,
        );
    }
    const result = await as(admin).post(`/api/instances/${shop}/analyze`).expect(200);
    const finding = result.body.findings.find((item: { analyzerId: string }) => item.analyzerId === 'sequence-exhaustion');
    expect(finding).toMatchObject({ severity: 'critical', objects: { schema: 'public', sequence: 'ticket_seq' } });
    // 0.04 of the range in two hours leaves the last 0.01 about half an hour.
    expect(finding.evidence.secondsLeft).toBeCloseTo(1_800, -1);
  });

  it('acknowledges, snoozes and reopens, recording who did it, in the audit log too', async () => {
    const [finding] = (await as(admin).get(`/api/instances/${shop}/findings`).query({ analyzer: 'idle-in-transaction' }).expect(200)).body.items;
    const acknowledged = await as(admin).patch(`/api/findings/${finding.id}`).send({ action: 'acknowledge' }).expect(200);
    expect(acknowledged.body).toMatchObject({ status: 'acknowledged', statusChangedBy: 'admin' });
    await as(admin).patch(`/api/findings/${finding.id}`).send({ action: 'snooze' }).expect(400);
    await as(admin).patch(`/api/findings/${finding.id}`).send({ action: 'snooze', until: '2000-01-01T00:00:00Z' }).expect(400);
    const until = new Date(Date.now() + 3_600_000).toISOString();
    const snoozed = await as(admin).patch(`/api/findings/${finding.id}`).send({ action: 'snooze', until }).expect(200);
    expect(snoozed.body).toMatchObject({ status: 'snoozed', snoozedUntil: until });
    const analyzed = await as(admin).post(`/api/instances/${shop}/analyze`).expect(200);
    expect(analyzed.body.findings.find((item: { id: string }) => item.id === finding.id).status).toBe('snoozed');
    expect((await as(admin).patch(`/api/findings/${finding.id}`).send({ action: 'reopen' }).expect(200)).body.status).toBe('open');
    await as(admin).patch('/api/findings/no-such-finding').send({ action: 'acknowledge' }).expect(404);
    const audit = await as(admin).get('/api/audit').query({ targetId: finding.id }).expect(200);
    expect(audit.body.items.map((event: { action: string }) => event.action).sort()).toEqual(['finding.acknowledge', 'finding.reopen', 'finding.snooze']);
  });

  it('refuses to change a resolved finding', async () => {
    await store(shop, { ...problems, activity: [] });
    const result = await as(admin).post(`/api/instances/${shop}/analyze`).expect(200);
    expect(result.body.resolved).toBe(1);
    const [resolved] = (await as(admin).get(`/api/instances/${shop}/findings`).query({ status: 'resolved', analyzer: 'idle-in-transaction' }).expect(200)).body
      .items;
    await as(admin).patch(`/api/findings/${resolved.id}`).send({ action: 'acknowledge' }).expect(409);
  });

  it('purges resolved findings past the configured retention, and keeps open ones', async () => {
    expect((await as(admin).get('/api/findings/retention').expect(200)).body).toEqual({ resolvedRetentionDays: 90 });
    await as(admin).put('/api/findings/retention').send({ resolvedRetentionDays: 30 }).expect(200);
    const findings = sut.app.get(FindingsService);
    expect(await findings.purgeResolved(new Date(Date.now() + 29 * 86_400_000))).toBe(0);
    expect(await findings.purgeResolved(new Date(Date.now() + 31 * 86_400_000))).toBeGreaterThanOrEqual(1);
    const left = await sut.app.get(DataSource).getRepository(FindingEntity).findBy({ instanceId: shop });
    expect(left.every((row) => row.status !== 'resolved')).toBe(true);
    expect(left.length).toBeGreaterThan(0);
  });

  it('serializes runs on one instance and deletes findings and overrides with the instance', async () => {
    const analysis = sut.app.get(AnalysisService);
    const results = await Promise.all([analysis.analyze(other), analysis.analyze(other), analysis.analyze(other)]);
    expect(results.map((result) => result.opened)).toEqual([0, 0, 0]);
    await as(admin).put(`/api/instances/${other}/analyzers/unused-index`).send({ enabled: false }).expect(200);
    await api().delete(`/api/instances/${other}`).auth(admin, { type: 'bearer' }).expect(204);
    const dataSource = sut.app.get(DataSource);
    for (const table of ['finding', 'analyzer_override']) {
      const [{ count }] = (await dataSource.query(`SELECT count(*) AS count FROM ${table} WHERE instance_id = ${dialect === 'postgres' ? '$1' : '?'}`, [
        other,
      ])) as Array<{ count: string | number }>;
      expect(Number(count), table).toBe(0);
    }
  });
});
