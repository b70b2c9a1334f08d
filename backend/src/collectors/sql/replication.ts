import { defineQuery } from './define';

/**
 * The WAL position to measure against: the write position on a primary, the received position on a
 * standby (pg_current_wal_lsn() raises an error during recovery). CASE keeps the other branch unevaluated.
 */
const CURRENT_LSN = `CASE WHEN pg_is_in_recovery() THEN pg_last_wal_receive_lsn() ELSE pg_current_wal_lsn() END`;

export type StandbyRow = {
  pid: number;
  usename: string | null;
  application_name: string | null;
  client_addr: string | null;
  state: string | null;
  sync_state: string | null;
  write_lag_seconds: number | null;
  flush_lag_seconds: number | null;
  replay_lag_seconds: number | null;
  sent_lag_bytes: string | null;
  replay_lag_bytes: string | null;
};

/** Standbys streaming from this server, lag in seconds (as measured by the server) and in bytes. */
export const STANDBYS = defineQuery<StandbyRow>(
  'standbys',
  `
  SELECT pid,
         usename,
         application_name,
         client_addr::text AS client_addr,
         state,
         sync_state,
         extract(epoch FROM write_lag)::float8 AS write_lag_seconds,
         extract(epoch FROM flush_lag)::float8 AS flush_lag_seconds,
         extract(epoch FROM replay_lag)::float8 AS replay_lag_seconds,
         pg_wal_lsn_diff(${CURRENT_LSN}, sent_lsn)::text AS sent_lag_bytes,
         pg_wal_lsn_diff(${CURRENT_LSN}, replay_lsn)::text AS replay_lag_bytes
  FROM pg_stat_replication
  ORDER BY application_name, pid
  `,
);

export type ReplicationSlotRow = {
  slot_name: string;
  slot_type: string;
  plugin: string | null;
  database: string | null;
  active: boolean;
  temporary: boolean;
  wal_status: string | null;
  retained_wal_bytes: string | null;
  safe_wal_size_bytes: string | null;
};

/**
 * Replication slots and the WAL each one keeps on disk. An inactive slot retaining WAL is the classic
 * way to fill a disk. `wal_status` and `safe_wal_size` exist since PG 13, our oldest supported version.
 */
export const REPLICATION_SLOTS = defineQuery<ReplicationSlotRow>(
  'replication_slots',
  `
  SELECT slot_name::text AS slot_name,
         slot_type,
         plugin::text AS plugin,
         database::text AS database,
         active,
         temporary,
         wal_status,
         pg_wal_lsn_diff(${CURRENT_LSN}, restart_lsn)::text AS retained_wal_bytes,
         safe_wal_size::text AS safe_wal_size_bytes
  FROM pg_replication_slots
  ORDER BY slot_name
  `,
);

export type RecoveryRow = {
  in_recovery: boolean;
  replay_delay_seconds: number | null;
  receive_replay_gap_bytes: string | null;
};

/**
 * On a standby, how far replay trails: time since the last replayed transaction (grows on an idle
 * primary too, so analyzers read it together with the byte gap) and bytes received but not yet replayed.
 */
export const RECOVERY_STATUS = defineQuery<RecoveryRow>(
  'recovery_status',
  `
  SELECT pg_is_in_recovery() AS in_recovery,
         CASE WHEN pg_is_in_recovery()
              THEN extract(epoch FROM now() - pg_last_xact_replay_timestamp())::float8 END AS replay_delay_seconds,
         CASE WHEN pg_is_in_recovery()
              THEN pg_wal_lsn_diff(pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn())::text END AS receive_replay_gap_bytes
  `,
);
