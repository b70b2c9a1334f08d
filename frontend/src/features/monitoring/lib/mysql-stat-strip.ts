import { paths } from '@/config/paths';
import { formatDuration } from '@/lib/format';
import type { StatTile } from './stat-strip';

/** What a MySQL / MariaDB server tells at a glance; null where it was not collected (or may not be read). */
export type MysqlGlance = {
  instanceId: string;
  /** The `version` variable, e.g. "10.11.6-MariaDB-0+deb12u1" or "8.0.36". */
  version: string | null;
  uptimeSeconds: number | null;
  connections: number | null;
  maxConnections: number | null;
  threadsRunning: number | null;
};

const NOT_MEASURED = '–';
/** Above these shares of max_connections the tile warns, then turns critical. */
const CONNECTIONS_WARNING = 0.8;
const CONNECTIONS_CRITICAL = 0.95;

/** "MariaDB" when the version says so, else "MySQL". */
export const flavourOf = (version: string): string => (/mariadb/i.test(version) ? 'MariaDB' : 'MySQL');

/** The strip's figures for a MySQL server: version, uptime, connections against the maximum, threads running. */
export function mysqlStatTiles(glance: MysqlGlance): StatTile[] {
  const id = glance.instanceId;
  const activity = { to: paths.instanceActivity.to(id), label: 'Activity' };
  const settings = { to: paths.instanceDetails.to(id), label: 'Settings' };
  const { connections: used, maxConnections: max } = glance;
  const share = used !== null && max !== null && max > 0 ? used / max : null;
  return [
    {
      id: 'version',
      label: 'Version',
      value: glance.version === null ? NOT_MEASURED : glance.version.split('-')[0]!,
      detail: glance.version === null ? 'not collected yet' : flavourOf(glance.version),
      state: glance.version === null ? 'unknown' : 'ok',
      link: settings,
      title: glance.version ?? undefined,
    },
    {
      id: 'uptime',
      label: 'Uptime',
      value: glance.uptimeSeconds === null ? NOT_MEASURED : formatDuration(glance.uptimeSeconds),
      detail: null,
      state: glance.uptimeSeconds === null ? 'unknown' : 'ok',
      link: settings,
    },
    {
      id: 'connections',
      label: 'Connections',
      value: used === null || max === null ? NOT_MEASURED : `${Math.round(used)} / ${Math.round(max)}`,
      detail: share === null ? 'of max_connections' : `${Math.round(share * 100)} % of max_connections`,
      state: share === null ? 'unknown' : share >= CONNECTIONS_CRITICAL ? 'critical' : share >= CONNECTIONS_WARNING ? 'warning' : 'ok',
      link: activity,
    },
    {
      id: 'threads-running',
      label: 'Threads running',
      value: glance.threadsRunning === null ? NOT_MEASURED : String(Math.round(glance.threadsRunning)),
      detail: 'executing a statement',
      state: glance.threadsRunning === null ? 'unknown' : 'ok',
      link: activity,
    },
  ];
}
