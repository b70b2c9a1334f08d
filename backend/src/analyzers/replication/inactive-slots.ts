import { defineAnalyzer, maxSeverity } from '../analyzer';
import { days, megabytes } from '../threshold';
import { projectedSeverity, secondsLeft } from '../projection';
import { formatBytes, formatDuration, MEGABYTE, num, quoteLiteral } from '../sql-text';

/**
 * Replication slots nobody consumes keep every WAL segment since their position: the classic way to fill a disk.
 * When max_slot_wal_keep_size bounds them, the server reports how much more WAL they may hold (safe_wal_size);
 * at the measured WAL rate that gives the time before the slot is invalidated, which then drives the severity.
 */
export const inactiveSlots = defineAnalyzer({
  id: 'inactive-replication-slot',
  title: 'Inactive replication slot',
  category: 'replication',
  description: 'Inactive replication slots retaining WAL.',
  thresholdSchema: { warningMb: megabytes(1_024), criticalMb: megabytes(20_480), warningDays: days(7), criticalDays: days(1) },
  requires: ['replication.facts'],
  series: ['wal.position_bytes'],
  analyze(input, thresholds) {
    const walPerSecond = input.latest('wal.position_bytes')?.value ?? null;
    return (input.facts('replication.facts')?.slots ?? []).flatMap((slot) => {
      if (slot.active || slot.temporary) return [];
      const retained = num(slot.retained_wal_bytes);
      const safe = slot.safe_wal_size_bytes === null ? null : num(slot.safe_wal_size_bytes);
      const left = safe !== null && walPerSecond ? secondsLeft(safe, walPerSecond) : null;
      const bySize = retained >= thresholds.criticalMb * MEGABYTE ? 'critical' : retained >= thresholds.warningMb * MEGABYTE ? 'warning' : null;
      const severity = slot.wal_status === 'lost' ? 'warning' : maxSeverity(bySize, projectedSeverity(left, thresholds.criticalDays, thresholds.warningDays));
      if (!severity) return [];
      return [
        {
          severity,
          objects: { slot: slot.slot_name },
          title:
            slot.wal_status === 'lost'
              ? `Replication slot ${slot.slot_name} is lost`
              : `Inactive replication slot ${slot.slot_name} retains ${formatBytes(retained)} of WAL`,
          evidence: {
            slotType: slot.slot_type,
            database: slot.database,
            walStatus: slot.wal_status,
            retainedWalBytes: retained,
            safeWalSizeBytes: safe,
            walBytesPerSecond: walPerSecond,
            secondsLeft: left,
          },
          recommendation: [
            slot.wal_status === 'lost'
              ? '-- Its WAL is gone: the consumer must be re-synchronised from scratch. Drop it:'
              : `-- ${left === null ? '' : `At the current WAL rate it is invalidated in about ${formatDuration(left)}. `}If its consumer is gone for good, drop it to release the WAL:`,
            `SELECT pg_drop_replication_slot(${quoteLiteral(slot.slot_name)});`,
          ].join('\n'),
        },
      ];
    });
  },
});
