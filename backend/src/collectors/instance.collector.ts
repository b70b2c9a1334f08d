import type { Collector } from './collector';
import { gauge, MetricsBuilder } from './metrics';
import { EXTENSIONS, SERVER_FACTS, SERVER_SETTINGS } from './sql/instance';
import { ROLE_PRIVILEGES } from './sql/privileges';

const METRICS = [
  gauge('uptime_seconds', 'seconds', 'Uptime'),
  gauge('in_recovery', 'boolean', 'In recovery (standby)'),
  gauge('max_connections', 'count', 'max_connections'),
];

/**
 * Version, uptime, settings, extensions and the monitoring role's privileges: slow-moving facts the analyzers
 * compare against. The role is read here, not only by the connection test, so an instance nobody tested still
 * gets its monitoring-role finding.
 */
export const instanceCollector: Collector = {
  id: 'instance',
  title: 'Instance facts',
  engine: 'postgres',
  tier: 'slow',
  metrics: METRICS,
  snapshotKind: 'settings',
  defaultIntervalSeconds: 600,
  defaultRetentionDays: 365,
  queries: [SERVER_FACTS, SERVER_SETTINGS, EXTENSIONS, ROLE_PRIVILEGES],
  async collect(conn) {
    const [server] = await conn.run(SERVER_FACTS);
    const settings = await conn.run(SERVER_SETTINGS);
    const extensions = await conn.run(EXTENSIONS);
    const [role] = await conn.run(ROLE_PRIVILEGES);
    const metrics = new MetricsBuilder('instance')
      .gauge('uptime_seconds', null, server.uptime_seconds)
      .gauge('in_recovery', null, server.in_recovery ? 1 : 0)
      .gauge('max_connections', null, server.max_connections);
    return {
      metrics: metrics.build(),
      snapshot: { kind: 'settings', rows: settings },
      facts: {
        server_version_num: server.server_version_num,
        server_version: server.server_version,
        started_at: server.started_at,
        in_recovery: server.in_recovery,
        max_connections: server.max_connections,
        data_checksums: server.data_checksums,
        extensions,
        role,
      },
    };
  },
};
