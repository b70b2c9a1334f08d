import type { DataSource } from 'typeorm';
import type { CollectorStatusEntity } from './collector-status.entity';
import type { ParsedSnapshots } from './parsed-snapshots';
import type { SnapshotEntity } from './snapshot.entity';
import { chunksOf, metricsSql } from './sql';

/**
 * The dashboards' hottest reads (a snapshot page, an instance's status), as fixed statements: the driver reuses each
 * prepared statement, and no query builder or entity mapping runs per request. With 20 users reading 200 instances
 * these run hundreds of times a second on the thread that also stores collected data.
 */

type StoredSnapshot = Pick<SnapshotEntity, 'kind' | 'at' | 'rows'>;
type CollectorRunRecord = Omit<CollectorStatusEntity, 'instanceId' | 'instance'>;
type SnapshotStamp = { kind: string; at: string | number };

/**
 * A snapshot and its collector's facts row (`<kind>.facts`): when each was stored, in one statement, then the rows of
 * those not already parsed at that time (`parsed`, kept between requests).
 */
export async function readSnapshotWithFacts(
  dataSource: DataSource,
  parsed: ParsedSnapshots,
  instanceId: string,
  kind: string,
): Promise<{ snapshot: StoredSnapshot | null; facts: StoredSnapshot | null }> {
  const sql = metricsSql(dataSource);
  const stamps = await sql.query<SnapshotStamp[]>(dataSource, 'SELECT kind, at FROM snapshot WHERE instance_id = ? AND kind IN (?, ?)', [
    instanceId,
    kind,
    `${kind}.facts`,
  ]);
  const read = async (wanted: string): Promise<StoredSnapshot | null> => {
    const stamp = stamps.find((row) => row.kind === wanted);
    if (!stamp) {
      parsed.forget(instanceId, wanted);
      return null;
    }
    const kept = parsed.get(instanceId, wanted, Number(stamp.at));
    if (kept) return kept;
    // `at` again with the rows: a run storing between the two statements must not pair new rows with the old time.
    const [row] = await sql.query<Array<{ at: string | number; rows: string }>>(
      dataSource,
      'SELECT at, rows FROM snapshot WHERE instance_id = ? AND kind = ?',
      [instanceId, wanted],
    );
    return row ? parsed.parse(instanceId, wanted, Number(row.at), row.rows) : null;
  };
  const [snapshot, facts] = await Promise.all([read(kind), read(`${kind}.facts`)]);
  return { snapshot, facts };
}

/** The last run of each collector that ran on the instance. */
export async function readCollectorRuns(dataSource: DataSource, instanceId: string): Promise<CollectorRunRecord[]> {
  const sql = metricsSql(dataSource);
  const rows = await sql.query<
    Array<{
      collector_id: string;
      status: CollectorRunRecord['status'];
      last_run_at: string | number;
      duration_ms: string | number;
      rows: string | number;
      error: string | null;
      consecutive_failures: string | number;
    }>
  >(dataSource, 'SELECT collector_id, status, last_run_at, duration_ms, rows, error, consecutive_failures FROM collector_status WHERE instance_id = ?', [
    instanceId,
  ]);
  return rows.map((row) => ({
    collectorId: row.collector_id,
    status: row.status,
    lastRunAt: new Date(Number(row.last_run_at)),
    durationMs: Number(row.duration_ms),
    rows: Number(row.rows),
    error: row.error,
    consecutiveFailures: Number(row.consecutive_failures),
  }));
}

/** A series' latest value: a gauge's last reading, a counter's last raw cumulative reading (not a rate). */
export interface LatestValue {
  instanceId: string;
  metric: string;
  object: string;
  kind: 'gauge' | 'counter';
  value: number;
}

/**
 * Every live series of one collector on these instances, at its latest value, in one statement per 8,000 instances.
 * A counter's raw reading is kept from its first run on (before any rate exists); objects no longer reported are left out.
 */
export async function readLatestValues(dataSource: DataSource, instanceIds: readonly string[], collector: string): Promise<LatestValue[]> {
  const sql = metricsSql(dataSource);
  const found: LatestValue[] = [];
  for (const chunk of chunksOf(instanceIds, 1)) {
    const rows = await sql.query<
      Array<{
        instance_id: string;
        metric: string;
        object: string;
        kind: LatestValue['kind'];
        raw_value: number | string | null;
        stored_value: number | string | null;
      }>
    >(
      dataSource,
      `SELECT instance_id, metric, object, kind, raw_value, stored_value FROM metric_series
       WHERE collector = ? AND instance_id IN (${sql.list(chunk.length)}) AND (stored_at IS NULL OR stored_value IS NOT NULL)`,
      [collector, ...chunk],
    );
    for (const row of rows) {
      const value = row.kind === 'counter' ? row.raw_value : row.stored_value;
      if (value !== null) found.push({ instanceId: row.instance_id, metric: row.metric, object: row.object, kind: row.kind, value: Number(value) });
    }
  }
  return found;
}
