import type { Collector } from './collector';
import { gauge, MetricsBuilder } from './metrics';
import { RECOVERY_STATUS, REPLICATION_SLOTS, STANDBYS } from './sql/replication';

const METRICS = [
  gauge('standbys', 'count', 'Standbys'),
  gauge('replay_delay_seconds', 'seconds', 'Replay delay (this standby)'),
  gauge('receive_replay_gap_bytes', 'bytes', 'WAL received, not replayed'),
  gauge('standby_replay_lag_seconds', 'seconds', 'Standby replay lag'),
  gauge('standby_replay_lag_bytes', 'bytes', 'Standby replay lag'),
  gauge('standby_sent_lag_bytes', 'bytes', 'WAL not yet sent to standby'),
  gauge('slot_retained_wal_bytes', 'bytes', 'WAL retained by slot'),
  gauge('slot_active', 'boolean', 'Slot active'),
];

/** Standbys and their lag, replication slots and the WAL they hold back, and replay delay on a standby. */
export const replicationCollector: Collector = {
  id: 'replication',
  title: 'Replication',
  engine: 'postgres',
  tier: 'fast',
  metrics: METRICS,
  snapshotKind: 'standbys',
  defaultIntervalSeconds: 30,
  defaultRetentionDays: 365,
  queries: [STANDBYS, REPLICATION_SLOTS, RECOVERY_STATUS],
  async collect(conn) {
    const standbys = await conn.run(STANDBYS);
    const slots = await conn.run(REPLICATION_SLOTS);
    const [recovery] = await conn.run(RECOVERY_STATUS);
    const metrics = new MetricsBuilder('replication')
      .gauge('standbys', null, standbys.length)
      .gauge('replay_delay_seconds', null, recovery.replay_delay_seconds)
      .gauge('receive_replay_gap_bytes', null, recovery.receive_replay_gap_bytes);
    for (const standby of standbys) {
      const object = standby.application_name || `pid ${standby.pid}`;
      metrics
        .gauge('standby_replay_lag_seconds', object, standby.replay_lag_seconds)
        .gauge('standby_replay_lag_bytes', object, standby.replay_lag_bytes)
        .gauge('standby_sent_lag_bytes', object, standby.sent_lag_bytes);
    }
    for (const slot of slots) {
      metrics.gauge('slot_retained_wal_bytes', slot.slot_name, slot.retained_wal_bytes).gauge('slot_active', slot.slot_name, slot.active ? 1 : 0);
    }
    return {
      metrics: metrics.build(),
      snapshot: { kind: 'standbys', rows: standbys },
      facts: { in_recovery: recovery.in_recovery, slots },
    };
  },
};
