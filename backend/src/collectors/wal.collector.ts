import type { Collector } from './collector';
import { counter, rowReadings } from './metrics';
import { CHECKPOINT_STATS_17, CHECKPOINT_STATS_PRE17, WAL_POSITION, WAL_STATS } from './sql/wal';

const METRICS = [
  counter('position_bytes', 'bytes', 'WAL generated', 'wal_position_bytes'),
  counter('wal_records', 'count', 'WAL records'),
  counter('wal_fpi', 'count', 'WAL full-page images'),
  counter('wal_bytes', 'bytes', 'WAL bytes'),
  counter('wal_buffers_full', 'count', 'WAL buffers full'),
  counter('checkpoints_timed', 'count', 'Timed checkpoints'),
  counter('checkpoints_req', 'count', 'Requested checkpoints'),
  counter('checkpoint_write_time_ms', 'milliseconds', 'Checkpoint write time'),
  counter('checkpoint_sync_time_ms', 'milliseconds', 'Checkpoint sync time'),
  counter('buffers_checkpoint', 'blocks', 'Buffers written by checkpoints'),
  counter('buffers_clean', 'blocks', 'Buffers written by the background writer'),
  counter('maxwritten_clean', 'count', 'Background writer stops (too many buffers)'),
  counter('buffers_backend', 'blocks', 'Buffers written by backends'),
  counter('buffers_backend_fsync', 'count', 'Backend fsyncs'),
  counter('buffers_alloc', 'blocks', 'Buffers allocated'),
];

/** WAL generation and checkpoint / background-writer behaviour; counters only, rates come from storage. */
export const walCollector: Collector = {
  id: 'wal',
  title: 'WAL and checkpoints',
  engine: 'postgres',
  tier: 'fast',
  metrics: METRICS,
  defaultIntervalSeconds: 30,
  defaultRetentionDays: 365,
  queries: [WAL_POSITION, WAL_STATS, CHECKPOINT_STATS_PRE17, CHECKPOINT_STATS_17],
  async collect(conn, ctx) {
    const [position] = await conn.run(WAL_POSITION);
    // pg_stat_wal appeared in PG 14.
    const [wal] = ctx.serverVersionNum >= 140000 ? await conn.run(WAL_STATS) : [];
    // PG 17 moved checkpoint counters from pg_stat_bgwriter to pg_stat_checkpointer.
    const [checkpoints] = await conn.run(ctx.serverVersionNum >= 170000 ? CHECKPOINT_STATS_17 : CHECKPOINT_STATS_PRE17);
    return { metrics: [], readings: rowReadings('wal', METRICS, [{ ...position, ...wal, ...checkpoints }], () => null) };
  },
};
