import type { FleetInstance, Instance } from '@inspector/contracts';
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { FleetStateBadge } from '@/components/ui/FleetStateBadge';
import { QueryState } from '@/components/ui/QueryState';
import { EmptyState } from '@/components/ui/States';
import { paths } from '@/config/paths';
import { Can, useCan } from '@/lib/authorization';
import { formatDate, formatDateTime, formatRelative } from '@/lib/format';
import { useInstanceStates } from '../api/get-instance-states';
import { useInstances } from '../api/get-instances';
import { ConnectionSummary } from './ConnectionSummary';
import { engineLabel } from './engine';

type Filters = { text: string; tag: string; descending: boolean };

export function filterInstances(items: readonly Instance[], { text, tag, descending }: Filters): Instance[] {
  const needle = text.trim().toLowerCase();
  const byName = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
  return items
    .filter((item) => !tag || item.tags.includes(tag))
    .filter((item) => !needle || item.name.toLowerCase().includes(needle) || item.tags.some((t) => t.toLowerCase().includes(needle)))
    .sort((a, b) => (descending ? -1 : 1) * byName.compare(a.name, b.name));
}

export function InstancesPage() {
  const instances = useInstances();
  const { data } = instances;
  // Filters live in the URL: a reload, a shared link or a return after logging in keeps them.
  const [params, setParams] = useSearchParams();
  const filters: Filters = { text: params.get('q') ?? '', tag: params.get('tag') ?? '', descending: params.get('sort') === 'desc' };
  const setFilter = (name: string, value: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );

  const allTags = useMemo(() => [...new Set(data?.items.flatMap((item) => item.tags))].sort(), [data]);
  const canWrite = useCan('instances:write');
  // Collection states come from monitoring: a user who may not monitor sees the list without them.
  const canMonitor = useCan('monitoring:read');
  const states = useInstanceStates(canMonitor).data;

  return (
    <>
      <title>Instances · Inspector</title>
      <header className="page-header page-header-actions">
        <div>
          <h1>Instances</h1>
          <p className="muted">The PostgreSQL servers Inspector monitors.</p>
        </div>
        {canWrite && data && data.items.length > 0 && (
          <Link to={paths.newInstance.path} className="button primary">
            Add instance
          </Link>
        )}
      </header>
      <QueryState
        query={instances}
        loading="Loading instances…"
        errorTitle="Could not load instances"
        isEmpty={(data) => data.items.length === 0}
        empty={
          <EmptyState title="No instances yet">
            <Can permission="instances:write" fallback={<p className="muted">Someone with the instances:write permission can add one.</p>}>
              <p className="muted">Add a PostgreSQL server and Inspector starts collecting its statistics.</p>
              <Link to={paths.newInstance.path} className="button primary">
                Add your first instance
              </Link>
            </Can>
          </EmptyState>
        }
      >
        {(data) => (
          <>
            <div className="toolbar" role="search" aria-label="Filter instances">
              <div className="field field-inline">
                <label htmlFor="instances-filter">Filter</label>
                <input
                  id="instances-filter"
                  type="search"
                  placeholder="Name or tag"
                  value={filters.text}
                  onChange={(event) => setFilter('q', event.target.value)}
                />
              </div>
              <div className="field field-inline">
                <label htmlFor="instances-tag">Tag</label>
                <select id="instances-tag" value={filters.tag} onChange={(event) => setFilter('tag', event.target.value)}>
                  <option value="">Any tag</option>
                  {allTags.map((tag) => (
                    <option key={tag} value={tag}>
                      {tag}
                    </option>
                  ))}
                </select>
              </div>
            </div>
            <InstanceTable
              instances={filterInstances(data.items, filters)}
              states={canMonitor ? (states ?? new Map()) : null}
              descending={filters.descending}
              onSort={() => setFilter('sort', filters.descending ? '' : 'desc')}
            />
          </>
        )}
      </QueryState>
    </>
  );
}

type InstanceTableProps = {
  instances: Instance[];
  /** By instance id; null hides the column (no monitoring:read). */
  states: ReadonlyMap<string, FleetInstance> | null;
  descending: boolean;
  onSort: () => void;
};

function InstanceTable({ instances, states, descending, onSort }: InstanceTableProps) {
  const columns = states ? 6 : 5;
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">Instances, sorted by name</caption>
        <thead>
          <tr>
            <th scope="col" aria-sort={descending ? 'descending' : 'ascending'}>
              <button type="button" className="sort-button" onClick={onSort}>
                Name
                <span aria-hidden="true">{descending ? ' ▼' : ' ▲'}</span>
                <span className="visually-hidden">{descending ? ', sorted Z to A' : ', sorted A to Z'}</span>
              </button>
            </th>
            {states && <th scope="col">Status</th>}
            <th scope="col">Engine</th>
            <th scope="col">Tags</th>
            <th scope="col">Connection</th>
            <th scope="col">Added</th>
          </tr>
        </thead>
        <tbody>
          {instances.length === 0 ? (
            <tr>
              <td colSpan={columns} className="muted">
                No instance matches the filter.
              </td>
            </tr>
          ) : (
            instances.map((instance) => (
              <tr key={instance.id}>
                <th scope="row">
                  <Link to={paths.instance.to(instance.id)}>{instance.name}</Link>
                </th>
                {states && (
                  <td>
                    <CollectionState state={states.get(instance.id)} />
                  </td>
                )}
                <td>{engineLabel(instance.engine)}</td>
                <td>
                  {instance.tags.length > 0 && (
                    <ul className="chips">
                      {instance.tags.map((tag) => (
                        <li key={tag} className="chip">
                          {tag}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td>
                  <ConnectionSummary connection={instance.connection} />
                </td>
                <td>
                  <time dateTime={instance.createdAt} title={formatDateTime(instance.createdAt)}>
                    {formatDate(instance.createdAt)}
                  </time>
                </td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}

function CollectionState({ state }: { state: FleetInstance | undefined }) {
  if (!state) return <span className="muted">–</span>;
  return (
    <>
      <FleetStateBadge state={state.state} />
      <div className="muted small">{state.lastCollectedAt ? `collected ${formatRelative(state.lastCollectedAt)}` : 'never collected'}</div>
    </>
  );
}
