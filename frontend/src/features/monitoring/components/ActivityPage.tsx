import { useMemo, useState } from 'react';
import { useParams } from 'react-router';
import { Pagination } from '@/components/ui/Pagination';
import { QueryError } from '@/components/ui/QueryError';
import { SortHeader, type SortOrder } from '@/components/ui/SortHeader';
import { EmptyState, Loading } from '@/components/ui/States';
import { StatusBadge } from '@/components/ui/StatusBadge';
import { formatDuration } from '@/lib/format';
import { useActivity, type ActivityRow } from '../api/get-activity';
import { blockingForest } from '../lib/blocking-tree';
import { isIdleInTransaction, sessionFlags, sessionTone } from '../lib/session-flags';
import { BlockingTree } from './BlockingTree';
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
  const { data, error, isFetching, refetch } = useActivity(id, paused ? false : REFRESH_MS);

  const sessions = useMemo(() => data?.rows ?? [], [data]);
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
        {data?.at && <SnapshotAge at={data.at} />}
      </div>
      {!data ? (
        error ? (
          <QueryError title="Could not load sessions" error={error} onRetry={() => void refetch()} retrying={isFetching} />
        ) : (
          <Loading>Loading sessions…</Loading>
        )
      ) : data.at === null ? (
        <EmptyState title="Activity has not been collected yet">
          <p className="muted">The activity collector runs every 15 seconds by default.</p>
        </EmptyState>
      ) : (
        <>
          {error && <QueryError title="Could not refresh sessions" error={error} onRetry={() => void refetch()} retrying={isFetching} />}
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
            {shown.length === 0 ? (
              <EmptyState title="No client sessions" />
            ) : (
              <>
                <SessionsTable
                  sessions={shown.slice(offset, offset + PAGE_SIZE)}
                  sort={sort}
                  onSort={(key, order) => {
                    setSort({ key: key as SortKey, order });
                    setOffset(0);
                  }}
                />
                <Pagination offset={offset} limit={PAGE_SIZE} total={shown.length} onOffset={setOffset} label="Session pages" />
              </>
            )}
          </section>
        </>
      )}
    </>
  );
}

type SessionsTableProps = {
  sessions: readonly ActivityRow[];
  sort: { key: SortKey; order: SortOrder };
  onSort: (key: string, order: SortOrder) => void;
};

function SessionsTable({ sessions, sort, onSort }: SessionsTableProps) {
  const header = (column: SortKey, label: string, className?: string) => (
    <SortHeader column={column} sort={sort.key} order={sort.order} onSort={onSort} className={className}>
      {label}
    </SortHeader>
  );
  return (
    <div className="table-wrap">
      <table className="table sessions-table">
        <caption className="visually-hidden">Sessions</caption>
        <thead>
          <tr>
            {header('pid', 'PID', 'number')}
            {header('usename', 'User / database')}
            {header('state', 'State')}
            <th scope="col">Waiting on</th>
            {header('xact_seconds', 'Transaction', 'number')}
            {header('query_seconds', 'Query', 'number')}
            <th scope="col">Statement</th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((session) => (
            <SessionLine key={session.pid} session={session} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function SessionLine({ session }: { session: ActivityRow }) {
  const flags = sessionFlags(session);
  const tone = sessionTone(flags);
  return (
    <tr className={tone ? `row-${tone}` : undefined}>
      <th scope="row" className="number">
        {session.pid}
      </th>
      <td>
        {session.usename ?? <span className="muted">–</span>}
        <div className="muted">
          {session.datname ?? session.backend_type ?? ''}
          {session.application_name && ` · ${session.application_name}`}
          {session.client_addr && ` · ${session.client_addr}`}
        </div>
      </td>
      <td>
        {session.state ?? <span className="muted">–</span>}
        {flags.length > 0 && (
          <ul className="chips marks">
            {flags.map((flag) => (
              <li key={flag.label}>
                <StatusBadge tone={flag.tone}>{flag.label}</StatusBadge>
              </li>
            ))}
          </ul>
        )}
      </td>
      <td>{session.wait_event_type ? `${session.wait_event_type}: ${session.wait_event ?? ''}` : <span className="muted">–</span>}</td>
      <td className="number">{session.xact_seconds === null ? '–' : formatDuration(session.xact_seconds)}</td>
      <td className="number">
        {session.state === 'active' && session.query_seconds !== null ? (
          formatDuration(session.query_seconds)
        ) : session.state_seconds !== null ? (
          <span className="muted" title="Time in the current state">
            {formatDuration(session.state_seconds)}
          </span>
        ) : (
          '–'
        )}
      </td>
      <td className="statement-cell">{session.query ? <code className="query-snippet">{session.query}</code> : <span className="muted">–</span>}</td>
    </tr>
  );
}
