import type { Instance } from '@inspector/contracts';
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { QueryState } from '@/components/ui/QueryState';
import { EmptyState } from '@/components/ui/States';
import { paths } from '@/config/paths';
import { Can, useCan } from '@/lib/authorization';
import { formatDate, formatDateTime } from '@/lib/format';
import { useInstances } from '../api/get-instances';
import { ConnectionSummary } from './ConnectionSummary';

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
              descending={filters.descending}
              onSort={() => setFilter('sort', filters.descending ? '' : 'desc')}
            />
          </>
        )}
      </QueryState>
    </>
  );
}

type InstanceTableProps = { instances: Instance[]; descending: boolean; onSort: () => void };

function InstanceTable({ instances, descending, onSort }: InstanceTableProps) {
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
            <th scope="col">Engine</th>
            <th scope="col">Tags</th>
            <th scope="col">Connection</th>
            <th scope="col">Added</th>
          </tr>
        </thead>
        <tbody>
          {instances.length === 0 ? (
            <tr>
              <td colSpan={5} className="muted">
                No instance matches the filter.
              </td>
            </tr>
          ) : (
            instances.map((instance) => (
              <tr key={instance.id}>
                <th scope="row">
                  <Link to={paths.instance.to(instance.id)}>{instance.name}</Link>
                </th>
                <td>{instance.engine === 'postgres' ? 'PostgreSQL' : instance.engine}</td>
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
