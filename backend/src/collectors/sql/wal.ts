import { defineQuery } from './define';

export type WalPositionRow = {
  in_recovery: boolean;
  wal_position_bytes: string | null;
};

/**
 * The WAL position as a byte offset: a counter whose rate is the WAL generation rate, on every version.
 * NULL on a standby, where the primary's figure is the meaningful one.
 */
export const WAL_POSITION = defineQuery<WalPositionRow>(
  'wal_position',
  `
  SELECT pg_is_in_recovery() AS in_recovery,
         CASE WHEN NOT pg_is_in_recovery() THEN pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::text END AS wal_position_bytes
  `,
);

export type WalStatsRow = {
  wal_records: string;
  wal_fpi: string;
  wal_bytes: string;
  wal_buffers_full: string;
  stats_reset: Date | null;
};

/** pg_stat_wal (PG 14+). Only columns that PG 18 kept; write and sync timings moved to pg_stat_io there. */
export const WAL_STATS = defineQuery<WalStatsRow>(
  'wal_stats',
  `
  SELECT wal_records::text AS wal_records,
         wal_fpi::text AS wal_fpi,
         wal_bytes::text AS wal_bytes,
         wal_buffers_full::text AS wal_buffers_full,
         stats_reset
  FROM pg_stat_wal
  `,
);

/** Checkpoint and background writer counters, one shape for every version (NULL where a version lacks one). */
export type CheckpointStatsRow = {
  checkpoints_timed: string;
  checkpoints_req: string;
  checkpoint_write_time_ms: number;
  checkpoint_sync_time_ms: number;
  buffers_checkpoint: string;
  buffers_clean: string;
  maxwritten_clean: string;
  buffers_backend: string | null;
  buffers_backend_fsync: string | null;
  buffers_alloc: string;
};

/** PG 13–16: everything lives in pg_stat_bgwriter. */
export const CHECKPOINT_STATS_PRE17 = defineQuery<CheckpointStatsRow>(
  'checkpoint_stats_pre17',
  `
  SELECT checkpoints_timed::text AS checkpoints_timed,
         checkpoints_req::text AS checkpoints_req,
         checkpoint_write_time AS checkpoint_write_time_ms,
         checkpoint_sync_time AS checkpoint_sync_time_ms,
         buffers_checkpoint::text AS buffers_checkpoint,
         buffers_clean::text AS buffers_clean,
         maxwritten_clean::text AS maxwritten_clean,
         buffers_backend::text AS buffers_backend,
         buffers_backend_fsync::text AS buffers_backend_fsync,
         buffers_alloc::text AS buffers_alloc
  FROM pg_stat_bgwriter
  `,
);

/** PG 17+: checkpoints moved to pg_stat_checkpointer and backend writes to pg_stat_io. */
export const CHECKPOINT_STATS_17 = defineQuery<CheckpointStatsRow>(
  'checkpoint_stats_17',
  `
  SELECT c.num_timed::text AS checkpoints_timed,
         c.num_requested::text AS checkpoints_req,
         c.write_time AS checkpoint_write_time_ms,
         c.sync_time AS checkpoint_sync_time_ms,
         c.buffers_written::text AS buffers_checkpoint,
         b.buffers_clean::text AS buffers_clean,
         b.maxwritten_clean::text AS maxwritten_clean,
         NULL::text AS buffers_backend,
         NULL::text AS buffers_backend_fsync,
         b.buffers_alloc::text AS buffers_alloc
  FROM pg_stat_bgwriter b CROSS JOIN pg_stat_checkpointer c
  `,
);

export type ArchiverStatsRow = {
  archived_count: string;
  failed_count: string;
  last_archived_age_seconds: number | null;
  last_failed_age_seconds: number | null;
};

/**
 * WAL archiving (pg_stat_archiver, every version): files archived and failed, and how long ago each last happened. A
 * failing archive_command keeps WAL on disk until the disk fills; a silent one breaks point-in-time recovery.
 */
export const ARCHIVER_STATS = defineQuery<ArchiverStatsRow>(
  'archiver_stats',
  `
  SELECT archived_count::text AS archived_count,
         failed_count::text AS failed_count,
         EXTRACT(EPOCH FROM now() - last_archived_time)::float8 AS last_archived_age_seconds,
         EXTRACT(EPOCH FROM now() - last_failed_time)::float8 AS last_failed_age_seconds
  FROM pg_stat_archiver
  `,
);
