import type { MysqlSessionRow } from '@inspector/contracts';
import { useMemo, useState } from 'react';
import { useParams } from 'react-router';
import { DataTable, type Column } from '@/components/ui/DataTable';
import { QueryState } from '@/components/ui/QueryState';
import type { SortOrder } from '@/components/ui/SortHeader';
import { EmptyState } from '@/components/ui/States';
import { StatusBadge } from '@/components/ui/StatusBadge';
import { formatDuration, formatInteger } from '@/lib/format';
import { useMysqlActivity } from '../api/get-mysql-activity';
import { blockingRoots, describeMysqlLockWait, isClient, isIdleInTransaction } from '../lib/mysql-sessions';
import { MysqlSessionActions } from './MysqlSessionActions';
import { SnapshotAge } from './SnapshotAge';

const REFRESH_MS = 5_000;
const PAGE_SIZE = 50;
/** The MySQL activity collector's default interval. */
const COLLECTED_EVERY_SECONDS = 15;

type SortKey = 'id' | 'time_seconds' | 'trx_seconds' | 'command' | 'user';

function compareSessions(a: MysqlSessionRow, b: MysqlSessionRow, key: SortKey): number {
  const [left, right] = [a[key], b[key]];
  if (left === right) return a.id - b.id;
  if (left === null) return -1;
  if (right === null) return 1;
  return typeof left === 'number' && typeof right === 'number' ? left - right : String(left).localeCompare(String(right));
}

/** MySQL / MariaDB sessions right now: who runs what, who waits for whose lock, who holds a transaction open doing nothing. */
export function MysqlActivityPage() {
  const { id = '' } = useParams();
  const [paused, setPaused] = useState(false);
  const [withSystem, setWithSystem] = useState(false);
  const [sort, setSort] = useState<{ key: SortKey; order: SortOrder }>({ key: 'trx_seconds', order: 'desc' });
  const [offset, setOffset] = useState(0);
  const activity = useMysqlActivity(id, paused ? false : REFRESH_MS);
  const at = activity.data?.at ?? null;

  const sessions = useMemo(() => activity.data?.rows ?? [], [activity.data]);
  const shown = useMemo(() => {
    const visible = withSystem ? sessions : sessions.filter(isClient);
    const direction = sort.order === 'asc' ? 1 : -1;
    return [...visible].sort((a, b) => direction * compareSessions(a, b, sort.key));
  }, [sessions, withSystem, sort]);

  const clients = sessions.filter(isClient);
  const roots = blockingRoots(sessions);
  const counts = {
    active: clients.filter((session) => session.command !== 'Sleep').length,
    idleInTransaction: clients.filter(isIdleInTransaction).length,
    waiting: clients.filter((session) => session.waiting_for_lock).length,
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
          <input type="checkbox" checked={withSystem} onChange={(event) => setWithSystem(event.target.checked)} /> Include server threads
        </label>
        {at && <SnapshotAge at={at} />}
      </div>
      <QueryState
        query={activity}
        loading="Loading sessions…"
        errorTitle="Could not load sessions"
        refreshErrorTitle="Could not refresh sessions"
        isEmpty={(data) => data.at === null}
        empty={
          <EmptyState title="Activity has not been collected yet">
            <p className="muted">The MySQL activity collector runs every {COLLECTED_EVERY_SECONDS} seconds by default.</p>
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
                <span className="stat-value">{counts.active}</span> running a command
              </li>
              <li className={counts.idleInTransaction > 0 ? 'tile-warn' : undefined}>
                <span className="stat-value">{counts.idleInTransaction}</span> idle in transaction
              </li>
              <li className={counts.waiting > 0 ? 'tile-danger' : undefined}>
                <span className="stat-value">{counts.waiting}</span> waiting for a lock
              </li>
            </ul>
            {roots.length > 0 && (
              <p role="alert" className="alert alert-warn">
                {roots.length === 1 ? 'Session' : 'Sessions'} {roots.join(', ')} {roots.length === 1 ? 'holds' : 'hold'} locks others wait for.
              </p>
            )}
            <section aria-labelledby="activity-sessions">
              <h2 id="activity-sessions">Sessions</h2>
              <p className="muted">
                KILL QUERY stops a session’s running statement; KILL ends the connection and rolls back its transaction. Inspector only reads this server: run
                the copied statement yourself, for example in the mysql client.
              </p>
              <DataTable
                caption="Sessions"
                className="sessions-table"
                columns={SESSION_COLUMNS}
                rows={shown.slice(offset, offset + PAGE_SIZE)}
                rowKey={(session) => String(session.id)}
                rowClassName={(session) => (session.waiting_for_lock ? 'row-danger' : isIdleInTransaction(session) ? 'row-warn' : undefined)}
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

const SESSION_COLUMNS: readonly Column<MysqlSessionRow>[] = [
  { id: 'id', header: 'ID', sortKey: 'id', align: 'end', rowHeader: true, cell: (session) => session.id },
  {
    id: 'user',
    header: 'User / schema',
    sortKey: 'user',
    cell: (session) => (
      <>
        {session.user ?? dash}
        <div className="muted">
          {session.db ?? 'no schema'}
          {session.host && ` · ${session.host}`}
        </div>
      </>
    ),
  },
  {
    id: 'command',
    header: 'Command',
    sortKey: 'command',
    cell: (session) => (
      <>
        {session.command}
        {session.state && <div className="muted">{session.state}</div>}
        {isIdleInTransaction(session) && <StatusBadge tone="warn">idle in transaction</StatusBadge>}
      </>
    ),
  },
  { id: 'waiting', header: 'Waiting on', cell: (session) => <WaitingOn session={session} /> },
  {
    id: 'transaction',
    header: 'Transaction',
    sortKey: 'trx_seconds',
    align: 'end',
    cell: (session) =>
      session.trx_seconds === null ? (
        '–'
      ) : (
        <>
          {formatDuration(session.trx_seconds)}
          {session.trx_rows_locked !== null && session.trx_rows_locked > 0 && <div className="muted">{formatInteger(session.trx_rows_locked)} rows locked</div>}
        </>
      ),
  },
  { id: 'time', header: 'In command', sortKey: 'time_seconds', align: 'end', cell: (session) => formatDuration(session.time_seconds) },
  {
    id: 'statement',
    header: 'Statement',
    className: 'statement-cell',
    cell: (session) => (session.info ? <code className="query-snippet">{session.info}</code> : dash),
  },
  { id: 'actions', header: 'Actions', cell: (session) => <MysqlSessionActions id={session.id} /> },
];

/** The lock, who holds it and for how long the session has waited; a dash when it waits for none. */
function WaitingOn({ session }: { session: MysqlSessionRow }) {
  const lock = describeMysqlLockWait(session);
  if (!lock) return dash;
  return (
    <>
      <StatusBadge tone="danger">waiting for lock</StatusBadge>
      <div>{lock}</div>
      {session.blocking_ids.length > 0 && <div className="muted">held by {session.blocking_ids.join(', ')}</div>}
      {session.wait_seconds !== null && <div className="muted">waiting {formatDuration(session.wait_seconds)}</div>}
    </>
  );
}
