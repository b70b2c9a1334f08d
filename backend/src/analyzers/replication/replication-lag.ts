import { defineAnalyzer, maxSeverity } from '../analyzer';
import { megabytes, seconds } from '../threshold';
import { formatBytes, formatDuration, MEGABYTE, num } from '../sql-text';

/**
 * Standbys trailing the primary, in time (as the server measures it) and in bytes of WAL not yet replayed.
 * The worse of the two decides.
 */
export const replicationLag = defineAnalyzer({
  id: 'replication-lag',
  title: 'Replication lag',
  category: 'replication',
  description: 'Standbys replaying far behind the primary.',
  thresholdSchema: { warningSeconds: seconds(60), criticalSeconds: seconds(600), warningMb: megabytes(1_024), criticalMb: megabytes(10_240) },
  requires: ['standbys'],
  analyze(input, thresholds) {
    return input.rows('standbys').flatMap((standby) => {
      const seconds = standby.replay_lag_seconds ?? 0;
      const bytes = num(standby.replay_lag_bytes);
      const bySeconds = seconds >= thresholds.criticalSeconds ? 'critical' : seconds >= thresholds.warningSeconds ? 'warning' : null;
      const byBytes = bytes >= thresholds.criticalMb * MEGABYTE ? 'critical' : bytes >= thresholds.warningMb * MEGABYTE ? 'warning' : null;
      const severity = maxSeverity(bySeconds, byBytes);
      if (!severity) return [];
      const name = standby.application_name || standby.client_addr || `pid ${standby.pid}`;
      return [
        {
          severity,
          objects: { standby: name },
          title: `Standby ${name} is ${formatDuration(seconds)} / ${formatBytes(bytes)} behind`,
          evidence: {
            replayLagSeconds: seconds,
            replayLagBytes: bytes,
            sentLagBytes: num(standby.sent_lag_bytes),
            state: standby.state,
            syncState: standby.sync_state,
          },
          recommendation:
            num(standby.sent_lag_bytes) > bytes / 2
              ? "-- Most of the lag is WAL not yet sent: check the network between the servers and the primary's WAL sender."
              : "-- WAL arrives but replays slowly: check the standby's I/O, and long queries on it conflicting with replay (max_standby_streaming_delay, hot_standby_feedback).",
        },
      ];
    });
  },
});
