import type { InstanceSummaryResponse, StatState } from '@inspector/contracts';
import { paths } from '@/config/paths';
import { formatCompact, formatDateTime, formatDuration, formatPercent } from '@/lib/format';

/** One figure of the strip: what it is, its value in words, a line of context, how it stands and where it is explained. */
export type StatTile = {
  id: string;
  label: string;
  value: string;
  detail: string | null;
  state: StatState;
  /** The page that explains the figure: the sessions behind it, the finding it raises, the server's settings. */
  link: { to: string; label: string };
  /** The figure in full where the tile shortens it (the version's build). */
  title?: string;
};

/** Wraparound stops writes at 2^31 transactions. */
const WRAPAROUND = 2 ** 31;
const NOT_MEASURED = '–';

/** "16.4" of "16.4 (Debian 16.4-1.pgdg120+1)": the build is in the tile's title. */
export const shortVersion = (version: string): string => version.split(' ')[0] ?? version;

const seconds = (value: number | null) => (value === null ? NOT_MEASURED : formatDuration(value));
const count = (value: number | null) => (value === null ? NOT_MEASURED : String(Math.round(value)));

/** The strip's figures in reading order: what runs, how loaded it is, what is stuck, what is at risk. */
export function statTiles(summary: InstanceSummaryResponse, now: number): StatTile[] {
  const id = summary.instanceId;
  const activity = { to: paths.instanceActivity.to(id), label: 'Activity' };
  const findings = { to: paths.instanceFindings.to(id), label: 'Findings' };
  const settings = { to: paths.instanceDetails.to(id), label: 'Settings' };
  const { used, max } = summary.connections;
  const uptime = summary.startedAt === null ? null : Math.max(0, (now - Date.parse(summary.startedAt)) / 1000);
  const xid = summary.xidAge;
  const hit = summary.cacheHitRatio.value;
  return [
    {
      id: 'version',
      label: 'Version',
      value: summary.serverVersion === null ? NOT_MEASURED : shortVersion(summary.serverVersion),
      detail: summary.serverVersion === null ? 'not collected yet' : 'PostgreSQL',
      state: summary.serverVersion === null ? 'unknown' : 'ok',
      link: settings,
      title: summary.serverVersion ?? undefined,
    },
    {
      id: 'uptime',
      label: 'Uptime',
      value: seconds(uptime),
      detail: summary.startedAt === null ? null : `since ${formatDateTime(summary.startedAt)}`,
      state: summary.uptimeSeconds.state,
      link: settings,
    },
    {
      id: 'connections',
      label: 'Connections',
      value: used === null || max === null ? NOT_MEASURED : `${used} / ${max}`,
      detail: used === null || max === null || max === 0 ? 'of max_connections' : `${Math.round((used / max) * 100)} % of max_connections`,
      state: summary.connections.state,
      link: activity,
    },
    {
      id: 'active',
      label: 'Active sessions',
      value: count(summary.activeSessions.value),
      detail: 'running a query',
      state: summary.activeSessions.state,
      link: activity,
    },
    {
      id: 'blocked',
      label: 'Blocked sessions',
      value: count(summary.blockedSessions.value),
      detail: 'waiting on a lock',
      state: summary.blockedSessions.state,
      link: activity,
    },
    {
      id: 'oldest-transaction',
      label: 'Oldest transaction',
      value: seconds(summary.oldestTransactionSeconds.value),
      detail: null,
      state: summary.oldestTransactionSeconds.state,
      link: activity,
    },
    {
      id: 'longest-query',
      label: 'Longest query',
      value: seconds(summary.longestQuerySeconds.value),
      detail: null,
      state: summary.longestQuerySeconds.state,
      link: activity,
    },
    {
      id: 'xid-age',
      label: 'XID age',
      value: xid.value === null ? NOT_MEASURED : formatCompact(xid.value),
      detail: xid.value === null ? null : `${Math.round((xid.value / WRAPAROUND) * 100)} % to wraparound${xid.database ? ` · ${xid.database}` : ''}`,
      state: xid.state,
      link: findings,
    },
    {
      id: 'cache-hit',
      label: 'Cache hit ratio',
      value: hit === null ? NOT_MEASURED : formatPercent(hit * 100, 2),
      detail: hit === null ? 'no block read lately' : 'of block reads from memory',
      state: summary.cacheHitRatio.state,
      link: findings,
    },
  ];
}

/** The state in words, for those who cannot tell the colours apart; ok and unknown need none. */
export const STATE_WORDS: Record<StatState, string | null> = { unknown: null, ok: null, info: 'note', warning: 'warning', critical: 'critical' };
