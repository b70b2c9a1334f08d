import type { TopStatement } from '@inspector/contracts';
import { Link, useParams } from 'react-router';
import { Pagination } from '@/components/ui/Pagination';
import { QueryError } from '@/components/ui/QueryError';
import { SearchBox } from '@/components/ui/SearchBox';
import { SortHeader } from '@/components/ui/SortHeader';
import { EmptyState, Loading } from '@/components/ui/States';
import { paths } from '@/config/paths';
import { formatCompact, formatInteger, formatMilliseconds, formatPercent } from '@/lib/format';
import { useListParams } from '@/lib/use-list-params';
import { useTopStatements, type StatementSort } from '../api/get-top-statements';
import { windowToSearch, type TimeWindow } from '../lib/time-window';
import { useTimeWindow } from '../lib/use-time-window';
import { RangePicker } from './RangePicker';
import { StatementsUnavailable } from './StatementsUnavailable';

const PAGE_SIZE = 25;
const SORTS: readonly StatementSort[] = ['totalTimeMs', 'calls', 'meanTimeMs', 'rows', 'sharedBlksRead', 'tempBlksWritten'];
const isSort = (value: string): value is StatementSort => (SORTS as readonly string[]).includes(value);

/** The statements that cost the most in the chosen window, from pg_stat_statements deltas. */
export function QueriesPage() {
  const { id = '' } = useParams();
  const [window, setWindow] = useTimeWindow();
  const [list, setList] = useListParams({ sort: 'totalTimeMs' });
  const sort = isSort(list.sort) ? list.sort : 'totalTimeMs';
  const { data, error, isFetching, isPlaceholderData, refetch } = useTopStatements(id, window, {
    sort,
    q: list.q || undefined,
    limit: PAGE_SIZE,
    offset: list.offset,
  });
  const header = (column: StatementSort, label: string) => (
    <SortHeader column={column} sort={sort} order="desc" descendingOnly onSort={(next) => setList({ sort: next })} className="number">
      {label}
    </SortHeader>
  );

  return (
    <>
      <StatementsUnavailable instanceId={id} />
      <div className="toolbar">
        <RangePicker window={window} onChange={setWindow} />
        <SearchBox id="queries-search" label="Search" value={list.q} onSearch={(q) => setList({ q })} placeholder="Query text or id" />
      </div>
      {!data ? (
        error ? (
          <QueryError title="Could not load statements" error={error} onRetry={() => void refetch()} retrying={isFetching} />
        ) : (
          <Loading>Loading statements…</Loading>
        )
      ) : data.items.length === 0 ? (
        <EmptyState title={list.q ? 'No statement matches this search' : 'No statements ran in this range'}>
          <p className="muted">Statement totals are the difference between two collections: they appear after the statements collector has run twice.</p>
        </EmptyState>
      ) : (
        <>
          {error && <QueryError title="Could not refresh statements" error={error} onRetry={() => void refetch()} retrying={isFetching} />}
          <div className="table-wrap" aria-busy={isPlaceholderData}>
            <table className="table statements-table">
              <caption className="visually-hidden">Top statements</caption>
              <thead>
                <tr>
                  <th scope="col">Statement</th>
                  {header('calls', 'Calls')}
                  {header('totalTimeMs', 'Total time')}
                  {header('meanTimeMs', 'Mean')}
                  {header('rows', 'Rows')}
                  {header('sharedBlksRead', 'Blocks read')}
                  <th scope="col" className="number">
                    Hit ratio
                  </th>
                  {header('tempBlksWritten', 'Temp written')}
                </tr>
              </thead>
              <tbody>
                {data.items.map((item) => (
                  <StatementRow key={item.key} instanceId={id} item={item} window={window} />
                ))}
              </tbody>
            </table>
          </div>
          <Pagination offset={list.offset} limit={PAGE_SIZE} total={data.total} onOffset={(offset) => setList({ offset })} label="Statement pages" />
        </>
      )}
    </>
  );
}

function StatementRow({ instanceId, item, window }: { instanceId: string; item: TopStatement; window: TimeWindow }) {
  const blocks = item.sharedBlksHit + item.sharedBlksRead;
  // The statement's page opens on the same window.
  const search = windowToSearch(new URLSearchParams(), window).toString();
  return (
    <tr>
      <td className="statement-cell">
        <Link to={{ pathname: paths.instanceStatement.to(instanceId, item.key), search }} className="statement-link">
          {item.query ? <code>{item.query}</code> : <span>Query {item.queryid}</span>}
        </Link>
        <div className="muted">
          {item.database ?? 'unknown database'}
          {item.user && ` · ${item.user}`}
        </div>
      </td>
      <td className="number">{formatInteger(item.calls)}</td>
      <td className="number">{formatMilliseconds(item.totalTimeMs)}</td>
      <td className="number">{item.meanTimeMs === null ? '–' : formatMilliseconds(item.meanTimeMs)}</td>
      <td className="number">{formatCompact(item.rows)}</td>
      <td className="number">{formatCompact(item.sharedBlksRead)}</td>
      <td className="number">{blocks === 0 ? '–' : formatPercent((100 * item.sharedBlksHit) / blocks)}</td>
      <td className="number">{formatCompact(item.tempBlksWritten)}</td>
    </tr>
  );
}
