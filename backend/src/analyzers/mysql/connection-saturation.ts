import { defineAnalyzer } from '../analyzer';
import { ratio } from '../threshold';
import { percent } from '../sql-text';
import type { AnalyzerInput } from '../input';
import { isMariadb, mysqlStatus, mysqlVariableNumber } from './mysql-text';

/**
 * Threads_connected against max_connections. Past it, new connections fail with "Too many connections" (one extra
 * slot is kept for an administrator). Usually the fix is a pool, not a higher limit: every connection costs memory.
 */
export const mysqlConnectionSaturation = defineAnalyzer({
  id: 'mysql-connection-saturation',
  title: 'Connection saturation',
  category: 'sessions',
  engines: ['mysql'],
  description: 'Connected threads close to max_connections.',
  thresholdSchema: { warningRatio: ratio(0.8), criticalRatio: ratio(0.95) },
  requires: ['mysql.status'],
  skipReason: (input) =>
    mysqlStatus(input, 'Threads_connected') === null ? 'Threads_connected is not collected' : maxConnections(input) ? null : 'max_connections is not collected',
  analyze(input, thresholds) {
    const connected = mysqlStatus(input, 'Threads_connected') ?? 0;
    const max = Math.max(1, maxConnections(input) ?? 1);
    const share = connected / max;
    if (share < thresholds.warningRatio) return [];
    const running = mysqlStatus(input, 'Threads_running');
    return [
      {
        severity: share >= thresholds.criticalRatio ? ('critical' as const) : ('warning' as const),
        objects: {},
        title: `${connected} of ${max} connections in use (${percent(share)})`,
        evidence: {
          threadsConnected: connected,
          threadsRunning: running,
          maxConnections: max,
          maxUsedConnections: mysqlStatus(input, 'Max_used_connections'),
          refusedConnections: mysqlStatus(input, 'Connection_errors_max_connections'),
        },
        recommendation:
          running !== null && running < connected / 2
            ? `-- Only ${running} of ${connected} connections are running a statement: lower the application pools' maximum (or add ${isMariadb(input) ? 'MaxScale / ProxySQL' : 'ProxySQL / MySQL Router'}) instead of raising max_connections.`
            : `-- Most connections are busy: queue work in a pool, or raise the limit with the memory to match:\nSET GLOBAL max_connections = ${Math.ceil(max * 1.5)};\n-- and in the server's option file, so it survives a restart.`,
      },
    ];
  },
});

/** Read as a variable, a status value or an instance fact, whichever the collectors stored. */
function maxConnections(input: AnalyzerInput): number | null {
  return mysqlVariableNumber(input, 'max_connections') ?? mysqlStatus(input, 'max_connections') ?? input.facts('mysql_instance.facts')?.max_connections ?? null;
}
