import type { QueryRunner } from 'typeorm';

/**
 * Moving collected data from the wide layout (instance, metric, object and collector text on every point, plus
 * heartbeat repeats) into series + narrow points, shared by both dialects' MetricStoreV2 migrations. Every point is
 * kept; the 5-minute and hourly rollups and the collector coverage spans are derived from them once, here, so charts
 * over a month or a year and the "monitored" shading work right after the upgrade.
 */

/** The old layout wrote every value again at least every 15 minutes: a longer silence means the collector did not run. */
const OLD_HEARTBEAT_GAP_MS = 20 * 60_000;
/** What the old points say about the interval after a collector's last run: at most a heartbeat passed unseen. */
const OLD_HEARTBEAT_MS = 15 * 60_000;
/**
 * A collector's interval is not in the old data, but its closest runs bound it: the scheduler never waited less than
 * 0.9 of it. Waiting for the heartbeat, the old store wrote again at the first run at least a heartbeat after the last
 * write, i.e. at most a heartbeat plus one interval (1.1 of it, with jitter) later: 5/4 of the closest gap covers that.
 */
const INTERVAL_PER_CLOSEST_GAP = [5, 4] as const;

export interface Dialect {
  /** The collector of a series known only from its state row: metric names start with their collector's id. */
  collectorOf: (metric: string) => string;
}

export async function moveCollectedData(queryRunner: QueryRunner, dialect: Dialect): Promise<void> {
  await queryRunner.query(`
    INSERT INTO "metric_series" ("instance_id", "collector", "metric", "object", "kind", "raw_at", "raw_value", "stored_at", "stored_value")
    SELECT k."instance_id", k."collector", k."metric", k."object",
      CASE WHEN k."has_delta" = 1 OR st."raw_at" IS NOT NULL THEN 'counter' ELSE 'gauge' END,
      st."raw_at", st."raw_value", st."stored_at", st."stored_value"
    FROM (
      SELECT "instance_id", "metric", "object", MAX("collector") AS "collector", MAX(CASE WHEN "delta" IS NULL THEN 0 ELSE 1 END) AS "has_delta"
      FROM "metric_point_v1" GROUP BY "instance_id", "metric", "object"
    ) k
    LEFT JOIN "metric_state" st ON st."instance_id" = k."instance_id" AND st."metric" = k."metric" AND st."object" = k."object"`);
  // Counters read once but never stored yet: only their state tells the next reading what to subtract.
  await queryRunner.query(`
    INSERT INTO "metric_series" ("instance_id", "collector", "metric", "object", "kind", "raw_at", "raw_value", "stored_at", "stored_value")
    SELECT st."instance_id", ${dialect.collectorOf('st."metric"')}, st."metric", st."object",
      CASE WHEN st."raw_at" IS NOT NULL THEN 'counter' ELSE 'gauge' END, st."raw_at", st."raw_value", st."stored_at", st."stored_value"
    FROM "metric_state" st
    WHERE NOT EXISTS (SELECT 1 FROM "metric_series" s WHERE s."instance_id" = st."instance_id" AND s."metric" = st."metric" AND s."object" = st."object")`);
  await queryRunner.query(`
    INSERT INTO "metric_point" ("series_id", "at", "value", "delta")
    SELECT s."id", p."at", p."value", p."delta"
    FROM "metric_point_v1" p JOIN "metric_series" s ON s."instance_id" = p."instance_id" AND s."metric" = p."metric" AND s."object" = p."object"`);
  for (const [table, bucketMs] of [
    ['metric_rollup_5m', 300_000],
    ['metric_rollup_1h', 3_600_000],
  ] as const) {
    await queryRunner.query(`
      INSERT INTO "${table}" ("series_id", "bucket", "samples", "min", "max", "sum", "last", "delta_sum")
      SELECT "series_id", "bucket", COUNT("value"), MIN("value"), MAX("value"), SUM("value"), MAX("last"), SUM("delta")
      FROM (
        SELECT "series_id", ("at" / ${bucketMs}) * ${bucketMs} AS "bucket", "value", "delta",
          CASE WHEN ROW_NUMBER() OVER (PARTITION BY "series_id", "at" / ${bucketMs} ORDER BY "at" DESC) = 1 THEN "value" END AS "last"
        FROM "metric_point"
      ) points
      GROUP BY "series_id", "bucket"`);
  }
  // Points of one run share its start time. A silence longer than the old heartbeat starts a new span, unless the
  // collector runs so seldom (a long interval, or a quiet database written only at heartbeats) that it is its rhythm.
  const [multiplier, divisor] = INTERVAL_PER_CLOSEST_GAP;
  await queryRunner.query(`
    WITH "runs" AS (SELECT DISTINCT "instance_id", "collector", "at" FROM "metric_point_v1"),
    "gaps" AS (
      SELECT "instance_id", "collector", "at", "at" - LAG("at") OVER (PARTITION BY "instance_id", "collector" ORDER BY "at") AS "gap"
      FROM "runs"
    ),
    "closest" AS (SELECT "instance_id", "collector", MIN("gap") AS "gap" FROM "gaps" GROUP BY "instance_id", "collector"),
    "marked" AS (
      SELECT g."instance_id", g."collector", g."at",
        CASE WHEN g."gap" <= ${OLD_HEARTBEAT_GAP_MS} OR g."gap" <= ${OLD_HEARTBEAT_MS} + c."gap" * ${multiplier} / ${divisor} THEN 0 ELSE 1 END AS "starts"
      FROM "gaps" g JOIN "closest" c ON c."instance_id" = g."instance_id" AND c."collector" = g."collector"
    ),
    "numbered" AS (
      SELECT "instance_id", "collector", "at", SUM("starts") OVER (PARTITION BY "instance_id", "collector" ORDER BY "at") AS "span"
      FROM "marked"
    )
    INSERT INTO "collector_coverage" ("instance_id", "collector_id", "started_at", "ended_at", "interval_ms")
    SELECT "instance_id", "collector", MIN("at"), MAX("at"), ${OLD_HEARTBEAT_MS} FROM "numbered" GROUP BY "instance_id", "collector", "span"`);
  await queryRunner.query('DROP TABLE "metric_point_v1"');
  await queryRunner.query('DROP TABLE "metric_state"');
}
