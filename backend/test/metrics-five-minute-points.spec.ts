import { DataSource, type DataSourceOptions } from 'typeorm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SPAN } from '../src/metrics/rollups';
import { dataSourceOptions } from '../src/storage/data-source-options';
import { postgresMigrations, sqliteMigrations } from '../src/storage/migrations';
import { describeEachStorage, freshStorage, type StorageFixture } from './storage-targets';

const MINUTE = 60_000;
const B = 1_800_000_000_000 - (1_800_000_000_000 % (60 * MINUTE));
const INSTANCE = 'c0000000-0000-4000-8000-000000000003';

/**
 * 5-minute rows as the store writes them since FiveMinutePoints: a whole bucket and a later part of it written after
 * a restart (a single point), a single point, an hour's lone points.
 */
const ROWS: Array<[bucket: number, samples: number, last: number, deltaSum: number, span: number]> = [
  [B, 3, 1, 30, SPAN.FIVE_MINUTES],
  [B + 2 * MINUTE, 1, 9, 5, SPAN.POINT],
  [B + 5 * MINUTE + 42_000, 1, 2, 20, SPAN.POINT],
  [B + 10 * MINUTE + 7_000, 1, 4, 40, SPAN.LONE_POINT],
  [B + 20 * MINUTE + 3_000, 1, 0, 0, SPAN.LONE_POINT],
];

describeEachStorage('5-minute points migration', (dialect) => {
  let storage: StorageFixture;
  let dataSource: DataSource;
  const placeholders = (count: number, from = 0) =>
    Array.from({ length: count }, (_, index) => (dialect === 'postgres' ? `$${from + index + 1}` : '?')).join(', ');
  const buckets = async () =>
    (
      (await dataSource.query('SELECT "bucket", "samples", "last", "delta_sum" FROM "metric_rollup_5m" ORDER BY "bucket"')) as Array<Record<string, unknown>>
    ).map((row) => [Number(row.bucket), Number(row.samples), Number(row.last), Number(row.delta_sum)]);

  beforeAll(async () => {
    storage = await freshStorage(dialect);
    const migrations = dialect === 'sqlite' ? sqliteMigrations : postgresMigrations;
    dataSource = new DataSource({ ...dataSourceOptions(storage.target, []), entities: [], migrations } as DataSourceOptions);
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    await dataSource.query(
      `INSERT INTO "instance" ("id", "name", "engine", "connection_secret", "tags", "created_at", "updated_at") VALUES (${placeholders(7)})`,
      [INSTANCE, 'db', 'postgres', 'memory:test', '[]', B, B],
    );
    await dataSource.query(`INSERT INTO "metric_series" ("instance_id", "collector", "metric", "object", "kind") VALUES (${placeholders(5)})`, [
      INSTANCE,
      'tables',
      'tables.seq_scan',
      'public.orders',
      'counter',
    ]);
    for (const row of ROWS) {
      await dataSource.query(
        `INSERT INTO "metric_rollup_5m" ("series_id", "bucket", "samples", "last", "delta_sum", "span") VALUES ((SELECT MAX("id") FROM "metric_series"), ${placeholders(5)})`,
        row,
      );
    }
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await storage.dispose();
  });

  it('goes back to whole 5-minute buckets, every sample and delta kept, and forward again with every row a whole bucket', async () => {
    // Back to just before this migration, undoing the ones that came after it.
    while ((await dataSource.query('SELECT "name" FROM "migrations" ORDER BY "timestamp" DESC LIMIT 1'))[0].name !== 'FiveMinutePoints1796320000000')
      await dataSource.undoLastMigration({ transaction: 'each' });
    await dataSource.undoLastMigration({ transaction: 'each' });
    // The two parts of the first bucket merge, ending with the later part's value.
    const back = [
      [B, 4, 9, 35],
      [B + 5 * MINUTE, 1, 2, 20],
      [B + 10 * MINUTE, 1, 4, 40],
      [B + 20 * MINUTE, 1, 0, 0],
    ];
    expect(await buckets()).toEqual(back);
    await dataSource.runMigrations({ transaction: 'each' });
    expect(await buckets()).toEqual(back);
    const spans = (await dataSource.query('SELECT DISTINCT "span" FROM "metric_rollup_5m"')) as Array<{ span: unknown }>;
    expect(spans.map((row) => Number(row.span))).toEqual([SPAN.FIVE_MINUTES]);
  });
});
