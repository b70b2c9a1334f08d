import type { Collector } from './collector';
import { MetricsBuilder } from './metrics';
import { CHECKPOINT_STATS_17, CHECKPOINT_STATS_PRE17, WAL_POSITION, WAL_STATS } from './sql/wal';

const CHECKPOINT_COUNTERS = [
  'checkpoints_timed',
  'checkpoints_req',
  'checkpoint_write_time_ms',
  'checkpoint_sync_time_ms',
  'buffers_checkpoint',
  'buffers_clean',
  'maxwritten_clean',
  'buffers_backend',
  'buffers_backend_fsync',
  'buffers_alloc',
] as const;

const WAL_COUNTERS = ['wal_records', 'wal_fpi', 'wal_bytes', 'wal_buffers_full'] as const;

/** WAL generation and checkpoint / background-writer behaviour; counters only, rates come from storage. */
export const walCollector: Collector = {
  id: 'wal',
  title: 'WAL and checkpoints',
  defaultIntervalSeconds: 30,
  defaultRetentionDays: 365,
  queries: [WAL_POSITION, WAL_STATS, CHECKPOINT_STATS_PRE17, CHECKPOINT_STATS_17],
  async collect(conn, ctx) {
    const metrics = new MetricsBuilder('wal');
    const [position] = await conn.run(WAL_POSITION);
    metrics.counter('position_bytes', null, position.wal_position_bytes);
    // pg_stat_wal appeared in PG 14.
    if (ctx.serverVersionNum >= 140000) {
      const [wal] = await conn.run(WAL_STATS);
      for (const counter of WAL_COUNTERS) metrics.counter(counter, null, wal[counter]);
    }
    // PG 17 moved checkpoint counters from pg_stat_bgwriter to pg_stat_checkpointer.
    const [checkpoints] = await conn.run(ctx.serverVersionNum >= 170000 ? CHECKPOINT_STATS_17 : CHECKPOINT_STATS_PRE17);
    for (const counter of CHECKPOINT_COUNTERS) metrics.counter(counter, null, checkpoints[counter]);
    return { metrics: metrics.build() };
  },
};
