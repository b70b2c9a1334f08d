import { Pagination } from '@/components/ui/Pagination';
import { QueryError } from '@/components/ui/QueryError';
import { SearchBox } from '@/components/ui/SearchBox';
import { SortHeader } from '@/components/ui/SortHeader';
import { EmptyState, Loading } from '@/components/ui/States';
import { useListParams } from '@/lib/use-list-params';
import { useServerSettings } from '../api/get-server-settings';
import { SnapshotAge } from './SnapshotAge';

const PAGE_SIZE = 50;

/** pg_settings units: "s" and "ms" follow the number; "8kB" is a block size the number counts ("16384 × 8kB"). */
const unitSuffix = (unit: string) => (/^\d/.test(unit) ? ` × ${unit}` : ` ${unit}`);

/** pg_settings as last collected: value, unit, where it comes from, and whether a restart is pending. */
export function ServerSettings({ instanceId }: { instanceId: string }) {
  const [list, setList] = useListParams({ sort: 'name', order: 'asc' }, 'settings');
  const { data, error, isFetching, isPlaceholderData, refetch } = useServerSettings(instanceId, {
    sort: list.sort,
    order: list.order,
    q: list.q || undefined,
    limit: PAGE_SIZE,
    offset: list.offset,
  });
  const header = (column: string, label: string) => (
    <SortHeader column={column} sort={list.sort} order={list.order} onSort={(sort, order) => setList({ sort, order })}>
      {label}
    </SortHeader>
  );
  return (
    <section className="panel" aria-labelledby="server-settings">
      <h2 id="server-settings">Server settings</h2>
      <div className="toolbar">
        <SearchBox id="settings-search" label="Search" value={list.q} onSearch={(q) => setList({ q })} placeholder="Name, value or source" />
        {data?.at && <SnapshotAge at={data.at} />}
      </div>
      {!data ? (
        error ? (
          <QueryError title="Could not load server settings" error={error} onRetry={() => void refetch()} retrying={isFetching} />
        ) : (
          <Loading>Loading settings…</Loading>
        )
      ) : data.rows.length === 0 ? (
        <EmptyState title={data.at === null ? 'Settings have not been collected yet' : 'No setting matches this search'} />
      ) : (
        <>
          <div className="table-wrap" aria-busy={isPlaceholderData}>
            <table className="table compact">
              <caption className="visually-hidden">PostgreSQL settings</caption>
              <thead>
                <tr>
                  {header('name', 'Name')}
                  <th scope="col">Value</th>
                  {header('source', 'Source')}
                </tr>
              </thead>
              <tbody>
                {data.rows.map((row) => (
                  <tr key={row.name}>
                    <th scope="row">
                      <code>{row.name}</code>
                    </th>
                    <td className="definition-cell">
                      {row.setting ?? <span className="muted">hidden</span>}
                      {row.unit && <span className="muted">{unitSuffix(row.unit)}</span>}
                      {row.pending_restart && <span className="badge badge-warn">restart pending</span>}
                    </td>
                    <td>{row.source}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination offset={list.offset} limit={PAGE_SIZE} total={data.total} onOffset={(offset) => setList({ offset })} label="Settings pages" />
        </>
      )}
    </section>
  );
}
