import type { FleetInstance } from '@inspector/contracts';
import { Link, useSearchParams } from 'react-router';
import { FleetStateBadge } from '@/components/ui/FleetStateBadge';
import { QueryError } from '@/components/ui/QueryError';
import { Loading } from '@/components/ui/States';
import { StatusBadge, type StatusTone } from '@/components/ui/StatusBadge';
import { paths } from '@/config/paths';
import { useFleet } from '../api/get-fleet';
import { connectionsTone, connectionsWords, rateWords, secondsWords, sinceWords, tagsOf, xidTone, xidWords } from '../lib/fleet-format';

/** Every instance the user may watch, worst first, refreshed every 15 s: what is wrong, where, and since when. */
export function FleetBoard() {
  const { data, error, isFetching, refetch, dataUpdatedAt } = useFleet();
  const [search, setSearch] = useSearchParams();
  const tag = search.get('tag') ?? '';
  if (!data) {
    return error ? (
      <QueryError title="Could not load the instances" error={error} onRetry={() => void refetch()} retrying={isFetching} />
    ) : (
      <Loading>Loading the instances…</Loading>
    );
  }
  const tags = tagsOf(data.items);
  const items = tag ? data.items.filter((item) => item.tags.includes(tag)) : data.items;
  return (
    <>
      <div className="toolbar" role="search" aria-label="Filter the board">
        <div className="field field-inline">
          <label htmlFor="fleet-tag">Tag</label>
          <select id="fleet-tag" value={tag} onChange={(event) => setSearch(event.target.value ? { tag: event.target.value } : {}, { replace: true })}>
            <option value="">All instances</option>
            {tags.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </div>
        <p className="muted" aria-live="polite">
          {summary(data.items)} · updated {sinceWords(new Date(dataUpdatedAt).toISOString(), Date.now())}
        </p>
      </div>
      {error && <QueryError title="Could not refresh; showing the last answer" error={error} onRetry={() => void refetch()} retrying={isFetching} />}
      {data.items.length === 0 ? (
        <p className="muted">
          No instance to show. <Link to={paths.instances.path}>Instances</Link> lists the servers you may see; someone with instances:write adds them.
        </p>
      ) : (
        <BoardTable items={items} now={dataUpdatedAt} />
      )}
    </>
  );
}

function summary(items: readonly FleetInstance[]): string {
  const down = items.filter((item) => item.state === 'down' || item.state === 'stale').length;
  return `${items.length} instance${items.length === 1 ? '' : 's'}${down > 0 ? `, ${down} not collected` : ''}`;
}

function BoardTable({ items, now }: { items: readonly FleetInstance[]; now: number }) {
  return (
    <div className="table-wrap">
      <table className="table fleet-board">
        <caption className="visually-hidden">Instances, most urgent first</caption>
        <thead>
          <tr>
            <th scope="col">Status</th>
            <th scope="col">Instance</th>
            <th scope="col">Findings</th>
            <th scope="col" className="number">
              Connections
            </th>
            <th scope="col" className="number">
              Transactions
            </th>
            <th scope="col" className="number">
              Longest transaction
            </th>
            <th scope="col" className="number">
              Replication lag
            </th>
            <th scope="col" className="number">
              XID age
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <BoardRow key={item.instanceId} item={item} now={now} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function BoardRow({ item, now }: { item: FleetInstance; now: number }) {
  return (
    <tr>
      <td>
        <FleetStateBadge state={item.state} />
        <div className="muted small">collected {sinceWords(item.lastCollectedAt, now)}</div>
        {item.lastError && (item.state === 'down' || item.state === 'degraded') && <div className="field-error small">{item.lastError}</div>}
      </td>
      <th scope="row">
        <Link to={paths.instance.to(item.instanceId)}>{item.name}</Link>
        {item.tags.length > 0 && (
          <ul className="chips" aria-label="Tags">
            {item.tags.map((tag) => (
              <li key={tag} className="chip">
                {tag}
              </li>
            ))}
          </ul>
        )}
      </th>
      <td>
        <FindingCounts item={item} />
      </td>
      <Measure tone={connectionsTone(item.connections)}>{connectionsWords(item.connections)}</Measure>
      <Measure>{rateWords(item.transactionsPerSecond)}</Measure>
      <Measure>{secondsWords(item.longestTransactionSeconds)}</Measure>
      <Measure>{secondsWords(item.replicationLagSeconds)}</Measure>
      <Measure tone={xidTone(item.xidAge)}>{xidWords(item.xidAge)}</Measure>
    </tr>
  );
}

function Measure({ tone = null, children }: { tone?: StatusTone | null; children: string }) {
  return <td className="number">{tone ? <StatusBadge tone={tone}>{children}</StatusBadge> : children}</td>;
}

function FindingCounts({ item }: { item: FleetInstance }) {
  if (item.findings === null) return <span className="muted">–</span>;
  const { critical, warning, info } = item.findings;
  if (critical + warning + info === 0) return <span className="muted">none</span>;
  return (
    <Link to={paths.instanceFindings.to(item.instanceId)} className="finding-counts">
      {critical > 0 && <StatusBadge tone="danger">{critical} critical</StatusBadge>}
      {warning > 0 && <StatusBadge tone="warn">{warning} warning</StatusBadge>}
      {info > 0 && <StatusBadge tone="unknown">{info} info</StatusBadge>}
    </Link>
  );
}
