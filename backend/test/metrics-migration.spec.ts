import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseDatabaseUrl, type StorageTarget } from '../src/config/database-url';
import { entities } from '../src/entities';
import { partitionName } from '../src/metrics/point-partitions';
import { SPAN } from '../src/metrics/rollups';
import { dataSourceOptions } from '../src/storage/data-source-options';
import { postgresMigrations, sqliteMigrations } from '../src/storage/migrations';
import { openStorage } from '../src/storage/storage';
import { describeEachStorage, freshStorage, type StorageFixture } from './storage-targets';

const MINUTE = 60_000;
const DAY = 86_400_000;
const today = Math.floor(Date.now() / DAY) * DAY;
const A = 'a0000000-0000-4000-8000-000000000001';
const B = 'b0000000-0000-4000-8000-000000000002';

interface OldPoint {
  instanceId: string;
  metric: string;
  object: string;
  at: number;
  collector: string;
  value: number;
  delta: number | null;
}
interface OldState {
  instanceId: string;
  metric: string;
  object: string;
  rawAt: number | null;
  rawValue: number | null;
  storedAt: number | null;
  storedValue: number | null;
}

const point =
  (instanceId: string, collector: string, metric: string, object: string) =>
  (at: number, value: number, delta: number | null = null): OldPoint => ({ instanceId, metric, object, at, collector, value, delta });

// tables ran every 15 minutes for 34 days, ending yesterday: a gauge repeated at each heartbeat, changing once a day.
const tablesStart = today - 35 * DAY;
const tablesEnd = today - DAY;
const liveTuples = point(A, 'tables', 'tables.n_live_tup', 'public.orders');
const liveTuplePoints = Array.from({ length: (tablesEnd - tablesStart) / (15 * MINUTE) + 1 }, (_, run) =>
  liveTuples(tablesStart + run * 15 * MINUTE, 100 + Math.floor(run / 96)),
);
// A counter of the same runs: per-second rates with their deltas; the hour from H holds four of them.
const H = today - 2 * DAY + 10 * 60 * MINUTE;
const seqScan = point(A, 'tables', 'tables.seq_scan', 'public.orders');
const seqScanPoints = [
  seqScan(H - 15 * MINUTE, 1, 900),
  seqScan(H, 2, 1800),
  seqScan(H + 15 * MINUTE, 0.5, 450),
  seqScan(H + 30 * MINUTE, 1, 900),
  seqScan(H + 45 * MINUTE, 3, 2700),
  seqScan(H + 60 * MINUTE, 0, 0),
];
// activity ran every minute from T, writing changes and heartbeats, then did not run for 41 minutes.
const T = today - DAY + 10 * 60 * MINUTE;
const connections = point(A, 'activity', 'activity.connections', '');
const connectionPoints = [
  connections(T, 5),
  connections(T + MINUTE, 8),
  connections(T + 2 * MINUTE, 6),
  connections(T + 4 * MINUTE, 7),
  connections(T + 19 * MINUTE, 7),
  connections(T + 60 * MINUTE, 9),
  connections(T + 75 * MINUTE, 9),
];
const waiting = point(A, 'activity', 'activity.waiting', 'appdb');
const waitingPoints = [waiting(T, 0), waiting(T + 60 * MINUTE, 1)];
// The second instance: another collector's counter, and a gauge whose heartbeats cross midnight into today.
const U = today - 3 * DAY + 12 * 60 * MINUTE;
const walBytes = point(B, 'wal', 'wal.bytes', '');
const walPoints = [walBytes(U, 1000, 60_000), walBytes(U + MINUTE, 2000, 120_000), walBytes(U + 2 * MINUTE, 1500, 90_000)];
const otherConnections = point(B, 'activity', 'activity.connections', '');
const otherConnectionPoints = [otherConnections(today - 30 * MINUTE, 3), otherConnections(today - 15 * MINUTE, 3), otherConnections(today, 3)];
// A quiet database: indexes runs every 15 minutes (±10%), but with nothing changing only every other run was due a heartbeat.
const V = today - 4 * DAY + 8 * 60 * MINUTE;
const quietRuns = [V, V + 29 * MINUTE, V + 60 * MINUTE, V + 88 * MINUTE];
const indexScans = point(B, 'indexes', 'indexes.idx_scan', 'public.orders_pkey');
const indexSize = point(B, 'indexes', 'indexes.size_bytes', 'public.orders_pkey');
const quietPoints = quietRuns.flatMap((at) => [indexScans(at, 0, 0), indexSize(at, 8192)]);
// Written while the host's clock ran ten days ahead, since corrected.
const W = today + 10 * DAY;
const aheadPoints = [point(B, 'replication', 'replication.lag_bytes', '')(W, 4096)];

const oldPoints = [
  ...liveTuplePoints,
  ...seqScanPoints,
  ...connectionPoints,
  ...waitingPoints,
  ...walPoints,
  ...otherConnectionPoints,
  ...quietPoints,
  ...aheadPoints,
];
const oldStates: OldState[] = [
  {
    instanceId: A,
    metric: 'tables.n_live_tup',
    object: 'public.orders',
    rawAt: null,
    rawValue: null,
    storedAt: tablesEnd,
    storedValue: liveTuplePoints.at(-1)!.value,
  },
  { instanceId: A, metric: 'tables.seq_scan', object: 'public.orders', rawAt: H + 60 * MINUTE, rawValue: 987_654, storedAt: H + 60 * MINUTE, storedValue: 0 },
  { instanceId: A, metric: 'activity.connections', object: '', rawAt: null, rawValue: null, storedAt: T + 75 * MINUTE, storedValue: 9 },
  { instanceId: A, metric: 'activity.waiting', object: 'appdb', rawAt: null, rawValue: null, storedAt: T + 60 * MINUTE, storedValue: 1 },
  { instanceId: B, metric: 'wal.bytes', object: '', rawAt: U + 2 * MINUTE, rawValue: 5e9, storedAt: U + 2 * MINUTE, storedValue: 1500 },
  { instanceId: B, metric: 'activity.connections', object: '', rawAt: null, rawValue: null, storedAt: today, storedValue: 3 },
  {
    instanceId: B,
    metric: 'indexes.idx_scan',
    object: 'public.orders_pkey',
    rawAt: V - 15 * MINUTE,
    rawValue: 31,
    storedAt: quietRuns.at(-1)!,
    storedValue: 0,
  },
  { instanceId: B, metric: 'indexes.size_bytes', object: 'public.orders_pkey', rawAt: null, rawValue: null, storedAt: quietRuns.at(-1)!, storedValue: 8192 },
  { instanceId: B, metric: 'replication.lag_bytes', object: '', rawAt: null, rawValue: null, storedAt: W, storedValue: 4096 },
  // A counter read once and never stored: only its state tells the next reading what to subtract.
  { instanceId: B, metric: 'statements.calls', object: '8443712', rawAt: U, rawValue: 42, storedAt: null, storedValue: null },
];

const num = (value: unknown) => (value === null ? null : Number(value));
const sorted = <T>(rows: T[]) => [...rows].sort((left, right) => (JSON.stringify(left) < JSON.stringify(right) ? -1 : 1));

/** The dialect's placeholder for the parameter at `index` (0-based). */
const placeholder = (dataSource: DataSource, index: number) => (dataSource.options.type === 'postgres' ? `$${index + 1}` : '?');

/** Inserts rows with bound parameters, a hundred per statement. */
async function insert(dataSource: DataSource, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  for (let start = 0; start < rows.length; start += 100) {
    const chunk = rows.slice(start, start + 100);
    const tuples = chunk.map((_, row) => `(${columns.map((__, column) => placeholder(dataSource, row * columns.length + column)).join(', ')})`);
    await dataSource.query(`INSERT INTO "${table}" (${columns.map((column) => `"${column}"`).join(', ')}) VALUES ${tuples.join(', ')}`, chunk.flat());
  }
}

/** Brings a database to the layout of the release before metric store v2 and fills it as that release would have. */
async function buildOldInstallation(target: StorageTarget): Promise<void> {
  const migrations = target.dialect === 'sqlite' ? sqliteMigrations : postgresMigrations;
  const before = migrations.findIndex((migration) => migration.name === 'MetricStoreV21796018000000');
  const dataSource = new DataSource({ ...dataSourceOptions(target, []), entities: [], migrations: migrations.slice(0, before) } as DataSourceOptions);
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    const created = today - 40 * DAY;
    await insert(
      dataSource,
      'instance',
      ['id', 'name', 'engine', 'connection_secret', 'tags', 'created_at', 'updated_at'],
      [A, B].map((id, index) => [id, `db-${index}`, 'postgres', 'memory:test', '[]', created, created]),
    );
    await insert(
      dataSource,
      'metric_point',
      ['instance_id', 'metric', 'object', 'at', 'collector', 'value', 'delta'],
      oldPoints.map((p) => [p.instanceId, p.metric, p.object, p.at, p.collector, p.value, p.delta]),
    );
    await insert(
      dataSource,
      'metric_state',
      ['instance_id', 'metric', 'object', 'raw_at', 'raw_value', 'stored_at', 'stored_value'],
      oldStates.map((s) => [s.instanceId, s.metric, s.object, s.rawAt, s.rawValue, s.storedAt, s.storedValue]),
    );
  } finally {
    await dataSource.destroy();
  }
}

describeEachStorage('metric store v2 migration', (dialect) => {
  let storage: StorageFixture;
  let target: StorageTarget;
  let dir: string;
  let dataSource: DataSource;
  let applied: string[];

  beforeAll(async () => {
    storage = await freshStorage(dialect);
    // A file, not memory: the second start must find what the first one left.
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inspector-migration-'));
    target = dialect === 'sqlite' ? parseDatabaseUrl(`sqlite:${path.join(dir, 'inspector.sqlite')}`) : storage.target;
    await buildOldInstallation(target);
    ({ dataSource, applied } = await openStorage(target, entities));
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await storage.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('upgrades in place with exactly the metric store v2 migration and those that follow it', () => {
    const all = (dialect === 'sqlite' ? sqliteMigrations : postgresMigrations).map((migration) => migration.name);
    // The old installation stops just before metric store v2: that one and every later migration run, nothing earlier.
    expect(applied[0]).toBe('MetricStoreV21796018000000');
    expect(applied).toEqual(all.slice(all.indexOf('MetricStoreV21796018000000')));
  });

  it('keeps every point with its time, value and delta under a series of the same instance, metric, object and collector', async () => {
    const rows = (await dataSource.query(
      'SELECT s."instance_id", s."metric", s."object", p."at", s."collector", p."value", p."delta" FROM "metric_point" p JOIN "metric_series" s ON s."id" = p."series_id"',
    )) as Array<Record<string, unknown>>;
    const moved = rows.map((row) => ({
      instanceId: row.instance_id,
      metric: row.metric,
      object: row.object,
      at: Number(row.at),
      collector: row.collector,
      value: num(row.value),
      delta: num(row.delta),
    }));
    expect(moved).toHaveLength(oldPoints.length);
    expect(sorted(moved)).toEqual(sorted(oldPoints));
  });

  it('makes a series of every state row, counters where there were deltas or raw readings, with the state carried over', async () => {
    const rows = (await dataSource.query(
      'SELECT "instance_id", "metric", "object", "collector", "kind", "raw_at", "raw_value", "stored_at", "stored_value" FROM "metric_series"',
    )) as Array<Record<string, unknown>>;
    const series = rows.map((row) => ({
      instanceId: row.instance_id,
      metric: row.metric,
      object: row.object,
      collector: row.collector,
      kind: row.kind,
      rawAt: num(row.raw_at),
      rawValue: num(row.raw_value),
      storedAt: num(row.stored_at),
      storedValue: num(row.stored_value),
    }));
    const counters = new Set(['tables.seq_scan', 'wal.bytes', 'indexes.idx_scan', 'statements.calls']);
    const expected = oldStates.map((state) => ({ ...state, collector: state.metric.split('.')[0], kind: counters.has(state.metric) ? 'counter' : 'gauge' }));
    expect(sorted(series)).toEqual(sorted(expected));
  });

  it('rolls the moved points up into 5-minute and hourly buckets: a gauge keeps its sum, a counter its deltas', async () => {
    const [instance, metric, object, start] = [0, 1, 2, 3].map((index) => placeholder(dataSource, index));
    const bucket = async (table: string, ...series: [metric: string, object: string, start: number]) =>
      (
        (await dataSource.query(
          `SELECT r."samples", r."sum", r."last", r."delta_sum" FROM "${table}" r JOIN "metric_series" s ON s."id" = r."series_id"
         WHERE s."instance_id" = ${instance} AND s."metric" = ${metric} AND s."object" = ${object} AND r."bucket" = ${start}`,
          [A, ...series],
        )) as Array<Record<string, unknown>>
      ).map((row) => Object.fromEntries(Object.entries(row).map(([key, value]) => [key, num(value)])));
    expect(await bucket('metric_rollup_5m', 'activity.connections', '', T)).toEqual([{ samples: 4, sum: 26, last: 7, delta_sum: null }]);
    expect(await bucket('metric_rollup_1h', 'tables.seq_scan', 'public.orders', H)).toEqual([{ samples: 4, sum: null, last: 3, delta_sum: 5850 }]);
    for (const table of ['metric_rollup_5m', 'metric_rollup_1h']) {
      const [{ samples }] = (await dataSource.query(`SELECT SUM("samples") AS "samples" FROM "${table}"`)) as Array<{ samples: unknown }>;
      expect(Number(samples)).toBe(oldPoints.length);
    }
  });

  it('keeps every 5-minute row as a whole bucket (span 5): the raw points they summarise stay raw points', async () => {
    const spans = (await dataSource.query('SELECT DISTINCT "span" FROM "metric_rollup_5m"')) as Array<{ span: unknown }>;
    expect(spans.map((row) => Number(row.span))).toEqual([SPAN.FIVE_MINUTES]);
  });

  it('records when each collector was monitored: a silence longer than a heartbeat plus the interval splits a span, a quiet collector keeps one', async () => {
    const rows = (await dataSource.query('SELECT "instance_id", "collector_id", "started_at", "ended_at", "interval_ms" FROM "collector_coverage"')) as Array<
      Record<string, unknown>
    >;
    const spans = rows.map((row) => [row.instance_id, row.collector_id, Number(row.started_at), Number(row.ended_at), Number(row.interval_ms)]);
    const heartbeat = 15 * MINUTE;
    expect(sorted(spans)).toEqual(
      sorted([
        [A, 'tables', tablesStart, tablesEnd, heartbeat],
        [A, 'activity', T, T + 19 * MINUTE, heartbeat],
        [A, 'activity', T + 60 * MINUTE, T + 75 * MINUTE, heartbeat],
        [B, 'wal', U, U + 2 * MINUTE, heartbeat],
        [B, 'activity', today - 30 * MINUTE, today, heartbeat],
        [B, 'indexes', V, V + 88 * MINUTE, heartbeat],
        [B, 'replication', W, W, heartbeat],
      ]),
    );
  });

  it('drops the old point and state tables', async () => {
    const queryRunner = dataSource.createQueryRunner();
    try {
      expect(await queryRunner.hasTable('metric_point_v1')).toBe(false);
      expect(await queryRunner.hasTable('metric_state')).toBe(false);
    } finally {
      await queryRunner.release();
    }
  });

  it('changes nothing on the next start', async () => {
    const tables = ['metric_series', 'metric_point', 'metric_rollup_5m', 'metric_rollup_1h', 'collector_coverage'];
    const counts = async () =>
      Promise.all(
        tables.map(async (table) => Number(((await dataSource.query(`SELECT COUNT(*) AS "rows" FROM "${table}"`)) as Array<{ rows: unknown }>)[0].rows)),
      );
    const before = await counts();
    await dataSource.destroy();
    ({ dataSource, applied } = await openStorage(target, entities));
    expect(applied).toEqual([]);
    expect(await counts()).toEqual(before);
  });

  if (dialect === 'postgres') {
    it('stores the points in daily partitions, from more than 30 days back to a clock that ran ahead', async () => {
      const partitioned = (await dataSource.query(
        `SELECT 1 FROM "pg_partitioned_table" t JOIN "pg_class" c ON c."oid" = t."partrelid" WHERE c."relname" = 'metric_point'`,
      )) as unknown[];
      expect(partitioned).toHaveLength(1);
      const rows = (await dataSource.query('SELECT "tableoid"::regclass::text AS "partition", "at" FROM "metric_point"')) as Array<{
        partition: string;
        at: string;
      }>;
      expect(rows.filter((row) => row.partition !== partitionName(Number(row.at)))).toEqual([]);
      const days = new Set(rows.map((row) => row.partition));
      expect(days).toEqual(new Set(oldPoints.map((old) => partitionName(old.at))));
      expect(days.size).toBe(37);
      expect(days).toContain(partitionName(tablesStart));
      expect(days).toContain(partitionName(W));
      expect(tablesStart).toBeLessThan(Date.now() - 30 * DAY);
    });
  }
});
