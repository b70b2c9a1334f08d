import { useParams, useSearchParams } from 'react-router';
import { Pagination } from '@/components/ui/Pagination';
import { QueryError } from '@/components/ui/QueryError';
import { SearchBox } from '@/components/ui/SearchBox';
import { SortHeader } from '@/components/ui/SortHeader';
import { EmptyState, Loading } from '@/components/ui/States';
import { formatBytes, formatCompact, formatDateTime, formatPercent, formatRelative } from '@/lib/format';
import { useListParams } from '@/lib/use-list-params';
import { useIndexes, type IndexRow } from '../api/get-indexes';
import { useTables, type TableRow } from '../api/get-tables';
import { NO_MARKS, type ObjectMarks } from '../lib/object-marks';
import { Marks } from './Marks';
import { PartialListNotice } from './PartialListNotice';
import { SnapshotAge } from './SnapshotAge';

const PAGE_SIZE = 50;
/** Above this share of dead rows a table is highlighted: vacuum is not keeping up. */
const DEAD_SHARE_WARNING = 20;

/** Sizes, dead rows, scans and maintenance of tables, and use of indexes, from the latest snapshots. */
export function TablesPage({ marks = NO_MARKS }: { marks?: ObjectMarks }) {
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const view = params.get('view') === 'indexes' ? 'indexes' : 'tables';
  const show = (next: 'tables' | 'indexes') => setParams(next === 'tables' ? {} : { view: next });
  return (
    <>
      <div role="group" aria-label="Show" className="segmented">
        <button type="button" aria-pressed={view === 'tables'} onClick={() => show('tables')}>
          Tables
        </button>
        <button type="button" aria-pressed={view === 'indexes'} onClick={() => show('indexes')}>
          Indexes
        </button>
      </div>
      {view === 'tables' ? <TablesList instanceId={id} marks={marks.tables} /> : <IndexesList instanceId={id} marks={marks.indexes} />}
    </>
  );
}

type ListProps = { instanceId: string; marks: ObjectMarks['tables'] };

function TablesList({ instanceId, marks }: ListProps) {
  const [list, setList] = useListParams({ sort: 'total_size_bytes' });
  const { data, error, isFetching, isPlaceholderData, refetch } = useTables(instanceId, {
    sort: list.sort,
    order: list.order,
    q: list.q || undefined,
    limit: PAGE_SIZE,
    offset: list.offset,
  });
  const header = (column: string, label: string, className = 'number') => (
    <SortHeader column={column} sort={list.sort} order={list.order} onSort={(sort, order) => setList({ sort, order })} className={className}>
      {label}
    </SortHeader>
  );
  return (
    <>
      <div className="toolbar">
        <SearchBox id="tables-search" label="Search" value={list.q} onSearch={(q) => setList({ q })} placeholder="Schema or table" />
        {data?.at && <SnapshotAge at={data.at} />}
      </div>
      <PartialListNotice partial={data?.partial} noun="tables" />
      {!data ? (
        error ? (
          <QueryError title="Could not load tables" error={error} onRetry={() => void refetch()} retrying={isFetching} />
        ) : (
          <Loading>Loading tables…</Loading>
        )
      ) : data.rows.length === 0 ? (
        <EmptyState
          title={data.at === null ? 'Tables have not been collected yet' : list.q ? 'No table matches this search' : 'No user tables in this database'}
        >
          {data.at === null && <p className="muted">The tables collector runs every 15 minutes by default; Collect now on the overview runs it at once.</p>}
        </EmptyState>
      ) : (
        <>
          <div className="table-wrap" aria-busy={isPlaceholderData}>
            <table className="table">
              <caption className="visually-hidden">Tables</caption>
              <thead>
                <tr>
                  {header('table_name', 'Table', '')}
                  {header('total_size_bytes', 'Size')}
                  {header('n_live_tup', 'Live rows')}
                  {header('n_dead_tup', 'Dead rows')}
                  {header('seq_scan', 'Seq scans')}
                  {header('idx_scan', 'Index scans')}
                  {header('last_autovacuum', 'Last vacuum', '')}
                  {header('last_autoanalyze', 'Last analyze', '')}
                </tr>
              </thead>
              <tbody>
                {data.rows.map((row) => (
                  <TableLine key={`${row.schema_name}.${row.table_name}`} row={row} marks={marks.get(`${row.schema_name}.${row.table_name}`)} />
                ))}
              </tbody>
            </table>
          </div>
          <Pagination offset={list.offset} limit={PAGE_SIZE} total={data.total} onOffset={(offset) => setList({ offset })} label="Table pages" />
        </>
      )}
    </>
  );
}

const latest = (...times: (string | null)[]) =>
  times
    .filter((time): time is string => time !== null)
    .sort()
    .at(-1) ?? null;

function When({ at, auto }: { at: string | null; auto: boolean }) {
  if (!at) return <span className="muted">never</span>;
  return (
    <>
      <time dateTime={at} title={formatDateTime(at)}>
        {formatRelative(at)}
      </time>
      {auto && <span className="muted"> (auto)</span>}
    </>
  );
}

function TableLine({ row, marks }: { row: TableRow; marks: ReturnType<ObjectMarks['tables']['get']> }) {
  const live = row.n_live_tup ?? 0;
  const dead = row.n_dead_tup ?? 0;
  const deadShare = live + dead > 0 ? (100 * dead) / (live + dead) : 0;
  const vacuum = latest(row.last_vacuum, row.last_autovacuum);
  const analyze = latest(row.last_analyze, row.last_autoanalyze);
  return (
    <tr>
      <th scope="row">
        <span className="muted">{row.schema_name}.</span>
        {row.table_name}
        {row.autovacuum_enabled === false && <div className="muted">autovacuum off</div>}
        <Marks marks={marks} />
      </th>
      <td className="number" title={`table ${formatBytes(row.table_size_bytes ?? 0)}, indexes ${formatBytes(row.indexes_size_bytes ?? 0)}`}>
        {row.total_size_bytes === null ? '–' : formatBytes(row.total_size_bytes)}
      </td>
      <td className="number">{row.n_live_tup === null ? '–' : formatCompact(row.n_live_tup)}</td>
      <td className={`number${deadShare > DEAD_SHARE_WARNING ? ' cell-warn' : ''}`}>
        {row.n_dead_tup === null ? '–' : formatCompact(row.n_dead_tup)}
        {dead > 0 && <div className="muted">{formatPercent(deadShare, 0)}</div>}
      </td>
      <td className="number">{row.seq_scan === null ? '–' : formatCompact(row.seq_scan)}</td>
      <td className="number">{row.idx_scan === null ? '–' : formatCompact(row.idx_scan)}</td>
      <td className="nowrap">
        <When at={vacuum} auto={vacuum !== null && vacuum === row.last_autovacuum} />
      </td>
      <td className="nowrap">
        <When at={analyze} auto={analyze !== null && analyze === row.last_autoanalyze} />
      </td>
    </tr>
  );
}

function IndexesList({ instanceId, marks }: ListProps) {
  const [list, setList] = useListParams({ sort: 'size_bytes' });
  const { data, error, isFetching, isPlaceholderData, refetch } = useIndexes(instanceId, {
    sort: list.sort,
    order: list.order,
    q: list.q || undefined,
    limit: PAGE_SIZE,
    offset: list.offset,
  });
  const header = (column: string, label: string, className = 'number') => (
    <SortHeader column={column} sort={list.sort} order={list.order} onSort={(sort, order) => setList({ sort, order })} className={className}>
      {label}
    </SortHeader>
  );
  return (
    <>
      <div className="toolbar">
        <SearchBox id="indexes-search" label="Search" value={list.q} onSearch={(q) => setList({ q })} placeholder="Schema, table or index" />
        {data?.at && <SnapshotAge at={data.at} />}
      </div>
      <PartialListNotice partial={data?.partial} noun="indexes" />
      {!data ? (
        error ? (
          <QueryError title="Could not load indexes" error={error} onRetry={() => void refetch()} retrying={isFetching} />
        ) : (
          <Loading>Loading indexes…</Loading>
        )
      ) : data.rows.length === 0 ? (
        <EmptyState
          title={data.at === null ? 'Indexes have not been collected yet' : list.q ? 'No index matches this search' : 'No user indexes in this database'}
        />
      ) : (
        <>
          <div className="table-wrap" aria-busy={isPlaceholderData}>
            <table className="table">
              <caption className="visually-hidden">Indexes</caption>
              <thead>
                <tr>
                  {header('index_name', 'Index', '')}
                  {header('size_bytes', 'Size')}
                  {header('idx_scan', 'Scans')}
                  <th scope="col">Kind</th>
                  <th scope="col">Definition</th>
                </tr>
              </thead>
              <tbody>
                {data.rows.map((row) => (
                  <IndexLine key={`${row.schema_name}.${row.index_name}`} row={row} marks={marks.get(`${row.schema_name}.${row.index_name}`)} />
                ))}
              </tbody>
            </table>
          </div>
          <Pagination offset={list.offset} limit={PAGE_SIZE} total={data.total} onOffset={(offset) => setList({ offset })} label="Index pages" />
        </>
      )}
    </>
  );
}

function IndexLine({ row, marks }: { row: IndexRow; marks: ReturnType<ObjectMarks['indexes']['get']> }) {
  const kind = [row.is_primary ? 'primary key' : row.is_unique ? 'unique' : null, row.is_valid === false ? 'invalid' : null].filter(Boolean).join(', ');
  return (
    <tr>
      <th scope="row">
        {row.index_name}
        <div className="muted">
          on {row.schema_name}.{row.table_name}
        </div>
        <Marks marks={marks} />
      </th>
      <td className="number">{row.size_bytes === null ? '–' : formatBytes(row.size_bytes)}</td>
      <td className={`number${row.idx_scan === 0 ? ' cell-warn' : ''}`}>{row.idx_scan === null ? '–' : formatCompact(row.idx_scan)}</td>
      <td>{kind || <span className="muted">–</span>}</td>
      <td className="definition-cell">{row.definition && <code>{row.definition}</code>}</td>
    </tr>
  );
}
