import { defineAnalyzer } from '../analyzer';
import { ratio } from '../threshold';
import { percent } from '../sql-text';
import { clientSessions } from './sessions';

/**
 * Client connections against what max_connections leaves for ordinary roles. Once it is reached, new
 * connections fail; usually the fix is a pooler, not a higher limit (each connection costs memory).
 */
export const connectionSaturation = defineAnalyzer({
  id: 'connection-saturation',
  title: 'Connection saturation',
  category: 'sessions',
  description: 'Client connections close to max_connections.',
  thresholdSchema: { warningRatio: ratio(0.8), criticalRatio: ratio(0.95) },
  requires: ['activity', 'settings'],
  analyze(input, thresholds) {
    const max = input.settingNumber('max_connections');
    if (max === null) return [];
    const reserved = (input.settingNumber('superuser_reserved_connections') ?? 0) + (input.settingNumber('reserved_connections') ?? 0);
    const clients = clientSessions(input);
    // Inspector's own session is left out of the activity snapshot but takes a slot too.
    const used = clients.length + 1;
    const usable = Math.max(1, max - reserved);
    const ratio = used / usable;
    if (ratio < thresholds.warningRatio) return [];
    const idle = clients.filter((session) => session.state === 'idle').length;
    return [
      {
        severity: ratio >= thresholds.criticalRatio ? ('critical' as const) : ('warning' as const),
        objects: {},
        title: `${used} of ${usable} connections in use (${percent(ratio)})`,
        evidence: {
          clientConnections: used,
          maxConnections: max,
          reserved,
          idle,
          idleInTransaction: clients.filter((session) => session.state?.startsWith('idle in transaction')).length,
        },
        recommendation:
          idle > used / 2
            ? `-- ${idle} connections are idle: put a pooler (PgBouncer, or the driver's pool with a lower maximum) in front instead of raising max_connections.`
            : '-- Most connections are busy: add a pooler to queue work, or raise max_connections with the memory to match (needs a restart):\nALTER SYSTEM SET max_connections = <n>;',
      },
    ];
  },
});
