import { defineAnalyzer } from '../analyzer';
import { count } from '../threshold';

/**
 * Every collector's last run failed: Inspector cannot reach the server (down, network, credentials), so
 * nothing else about it can be judged. Resolves by itself once collection works again.
 */
export const instanceUnreachable = defineAnalyzer({
  id: 'instance-unreachable',
  title: 'Instance unreachable',
  category: 'availability',
  engines: ['postgres', 'mysql'],
  description: 'Every collector failed on its last run: the server is down or cannot be reached with the configured connection.',
  thresholdSchema: { minFailedRuns: count(1) },
  requires: [],
  analyze(input, thresholds) {
    const ran = input.collectors.filter((run) => run.status !== 'unavailable');
    if (ran.length === 0 || ran.some((run) => run.status !== 'error')) return [];
    if (Math.max(...ran.map((run) => run.consecutiveFailures)) < thresholds.minFailedRuns) return [];
    const latest = [...ran].sort((a, b) => b.lastRunAt.getTime() - a.lastRunAt.getTime())[0];
    return [
      {
        severity: 'critical',
        objects: {},
        title: 'Inspector cannot reach this server',
        evidence: { failingCollectors: ran.map((run) => run.collectorId), lastError: latest.error, lastAttemptAt: latest.lastRunAt.toISOString() },
        recommendation:
          '-- Check that the server is up and reachable from Inspector, then use "Test connection" on the instance. Nothing is collected until it answers.',
      },
    ];
  },
});
