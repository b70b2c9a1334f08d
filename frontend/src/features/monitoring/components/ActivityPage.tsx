import { useMemo, useState } from 'react';
import { useParams } from 'react-router';
import { DataTable, type Column } from '@/components/ui/DataTable';
import { QueryState } from '@/components/ui/QueryState';
import type { SortOrder } from '@/components/ui/SortHeader';
import { EmptyState } from '@/components/ui/States';
import { StatusBadge } from '@/components/ui/StatusBadge';
import { useCan } from '@/lib/authorization';
import { formatDuration } from '@/lib/format';
import { useActivity, type ActivityRow } from '../api/get-activity';
import { useInstanceStatus } from '../api/get-instance-status';
import { ACTIVITY_DEFAULT_INTERVAL_SECONDS, isActivityStale } from '../lib/activity-freshness';
import { blockingForest } from '../lib/blocking-tree';
import { describeLockWait } from '../lib/lock-wait';
import { isIdleInTransaction, sessionFlags, sessionTone } from '../lib/session-flags';
import { BlockingTree } from './BlockingTree';
import { SessionActions } from './SessionActions';
import { SnapshotAge } from './SnapshotAge';

const REFRESH_MS = 5_000;
const PAGE_SIZE = 50;

type SortKey = 'pid' | 'xact_seconds' | 'query_seconds' | 'state' | 'usename';

function compareSessions(a: ActivityRow, b: ActivityRow, key: SortKey): number {
  const left = a[key];
  const right = b[key];
  if (left === right) return a.pid - b.pid;
  if (left === null) return -1;
  if (right === null) return 1;
  return typeof left === 'number' && typeof right === 'number' ? left - right : String(left).localeCompare(String(right));
}

/** Sessions right now: who is busy, who waits for whom, who holds a transaction open doing nothing. */
export function ActivityPage() {
  const { id = '' } = useParams();
  const [paused, setPaused] = useState(false);
  const [withBackground, setWithBackground] = useState(false);
  const [sort, setSort] = useState<{ key: SortKey; order: SortOrder }>({ key: 'xact_seconds', order: 'desc' });
  const [offset, setOffset] = useState(0);
  const activity = useActivity(id, paused ? false : REFRESH_MS);
  // The configured interval for users who may read collector status (no verdict until it arrives); others judge by the default.
  const canReadStatus = useCan('monitoring:read');
  const status = useInstanceStatus(id, { enabled: canReadStatus });
  const configured = status.data?.collectors.find((collector) => collector.collectorId === 'activity')?.intervalSeconds;
  const intervalSeconds = configured ?? (canReadStatus && status.isPending ? null : ACTIVITY_DEFAULT_INTERVAL_SECONDS);
  const at = activity.data?.at ?? null;
  const stale = at !== null && intervalSeconds !== null && isActivityStale(at, activity.dataUpdatedAt, intervalSeconds);

  const sessions = useMemo(() => activity.data?.rows ?? [], [activity.data]);
  const forest = useMemo(() => blockingForest(sessions), [sessions]);
  const shown = useMemo(() => {
    const visible = withBackground ? sessions : sessions.filter((session) => session.backend_type === 'client backend' || session.backend_type === null);
    const direction = sort.order === 'asc' ? 1 : -1;
    return [...visible].sort((a, b) => direction * compareSessions(a, b, sort.key));
  }, [sessions, withBackground, sort]);

  const clients = sessions.filter((session) => session.backend_type === 'client backend');
  const counts = {
    active: clients.filter((session) => session.state === 'active').length,
    idleInTransaction: clients.filter(isIdleInTransaction).length,
    waiting: clients.filter((session) => session.wait_event_type === 'Lock').length,
    blocked: clients.filter((session) => session.blocking_pids.length > 0).length,
  };

  return (
    <>
      <div className="toolbar activity-toolbar">
        <button type="button" aria-pressed={paused} onClick={() => setPaused(!paused)}>
          {paused ? 'Resume auto-refresh' : 'Pause auto-refresh'}
        </button>
        <span className="muted" aria-live="polite">
          {paused ? 'Paused.' : `Refreshing every ${REFRESH_MS / 1000} s.`}
        </span>
        <label className="checkbox-inline">
          <input type="checkbox" checked={withBackground} onChange={(event) => setWithBackground(event.target.checked)} /> Include background processes
        </label>
        {at && <SnapshotAge at={at} />}
      </div>
      {stale && (
        <div role="alert" className="alert alert-warn">
          These sessions are older than the activity collector allows (it runs every {formatDuration(intervalSeconds ?? ACTIVITY_DEFAULT_INTERVAL_SECONDS)}):
          they may have ended since. Check the collectors on the instance overview before acting on them.
        </div>
      )}
      <QueryState
        query={activity}
        loading="Loading sessions…"
        errorTitle="Could not load sessions"
        refreshErrorTitle="Could not refresh sessions"
        isEmpty={(data) => data.at === null}
        empty={
          <EmptyState title="Activity has not been collected yet">
            <p className="muted">The activity collector runs every {ACTIVITY_DEFAULT_INTERVAL_SECONDS} seconds by default.</p>
          </EmptyState>
        }
      >
        {() => (
          <>
            <ul className="stat-tiles" aria-label="Sessions summary">
              <li>
                <span className="stat-value">{clients.length}</span> client sessions
              </li>
              <li>
                <span className="stat-value">{counts.active}</span> active
              </li>
              <li className={counts.idleInTransaction > 0 ? 'tile-warn' : undefined}>
                <span className="stat-value">{counts.idleInTransaction}</span> idle in transaction
              </li>
              <li className={counts.waiting > 0 ? 'tile-warn' : undefined}>
                <span className="stat-value">{counts.waiting}</span> waiting for a lock
              </li>
              <li className={counts.blocked > 0 ? 'tile-danger' : undefined}>
                <span className="stat-value">{counts.blocked}</span> blocked
              </li>
            </ul>
            {forest.length > 0 && (
              <section className="panel" aria-labelledby="activity-blocking">
                <h2 id="activity-blocking">Blocking</h2>
                <BlockingTree roots={forest} />
              </section>
            )}
            <section aria-labelledby="activity-sessions">
              <h2 id="activity-sessions">Sessions</h2>
              <p className="muted">
                Cancel stops a session’s running query; terminate ends the session and rolls back its transaction. Inspector only reads this server: run the
                copied SQL yourself, for example in psql.
              </p>
              <DataTable
                caption="Sessions"
                className="sessions-table"
                columns={SESSION_COLUMNS}
                rows={shown.slice(offset, offset + PAGE_SIZE)}
                rowKey={(session) => String(session.pid)}
                rowClassName={(session) => {
                  const tone = sessionTone(sessionFlags(session));
                  return tone ? `row-${tone}` : undefined;
                }}
                sort={{
                  sort: sort.key,
                  order: sort.order,
                  onSort: (key, order) => {
                    setSort({ key: key as SortKey, order });
                    setOffset(0);
                  },
                }}
                pages={{ offset, limit: PAGE_SIZE, total: shown.length, onOffset: setOffset, label: 'Session pages' }}
                empty={<EmptyState title="No client sessions" />}
              />
            </section>
          </>
        )}
      </QueryState>
    </>
  );
}

const dash = <span className="muted">–</span>;

const SESSION_COLUMNS: readonly Column<ActivityRow>[] = [
  { id: 'pid', header: 'PID', sortKey: 'pid', align: 'end', rowHeader: true, cell: (session) => session.pid },
  {
    id: 'user',
    header: 'User / database',
    sortKey: 'usename',
    cell: (session) => (
      <>
        {session.usename ?? dash}
        <div className="muted">
          {session.datname ?? session.backend_type ?? ''}
          {session.application_name && ` · ${session.application_name}`}
          {session.client_addr && ` · ${session.client_addr}`}
        </div>
      </>
    ),
  },
  { id: 'state', header: 'State', sortKey: 'state', cell: (session) => <SessionState session={session} /> },
  { id: 'waiting', header: 'Waiting on', cell: (session) => <WaitingOn session={session} /> },
  {
    id: 'transaction',
    header: 'Transaction',
    sortKey: 'xact_seconds',
    align: 'end',
    cell: (session) => (session.xact_seconds === null ? '–' : formatDuration(session.xact_seconds)),
  },
  {
    id: 'query',
    header: 'Query',
    sortKey: 'query_seconds',
    align: 'end',
    cell: (session) =>
      session.state === 'active' && session.query_seconds !== null ? (
        formatDuration(session.query_seconds)
      ) : session.state_seconds !== null ? (
        <span className="muted" title="Time in the current state">
          {formatDuration(session.state_seconds)}
        </span>
      ) : (
        '–'
      ),
  },
  {
    id: 'statement',
    header: 'Statement',
    className: 'statement-cell',
    cell: (session) => (session.query ? <code className="query-snippet">{session.query}</code> : dash),
  },
  { id: 'actions', header: 'Actions', cell: (session) => <SessionActions pid={session.pid} /> },
];

/** The lock and for how long when the session waits for one, else the wait event PostgreSQL reports. */
function WaitingOn({ session }: { session: ActivityRow }) {
  const lock = describeLockWait(session);
  if (!lock) return session.wait_event_type ? `${session.wait_event_type}: ${session.wait_event ?? ''}` : dash;
  return (
    <>
      {lock}
      {session.lock_wait_seconds !== null && <div className="muted">waiting {formatDuration(session.lock_wait_seconds)}</div>}
    </>
  );
}

function SessionState({ session }: { session: ActivityRow }) {
  const flags = sessionFlags(session);
  return (
    <>
      {session.state ?? dash}
      {flags.length > 0 && (
        <ul className="chips marks">
          {flags.map((flag) => (
            <li key={flag.label}>
              <StatusBadge tone={flag.tone}>{flag.label}</StatusBadge>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
