import { useParams, useSearchParams } from 'react-router';
import { DataTable, type Column } from '@/components/ui/DataTable';
import { QueryState } from '@/components/ui/QueryState';
import { SearchBox } from '@/components/ui/SearchBox';
import { EmptyState } from '@/components/ui/States';
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
  const tables = useTables(instanceId, {
    sort: list.sort,
    order: list.order,
    q: list.q || undefined,
    limit: PAGE_SIZE,
    offset: list.offset,
  });
  return (
    <>
      <div className="toolbar">
        <SearchBox id="tables-search" label="Search" value={list.q} onSearch={(q) => setList({ q })} placeholder="Schema or table" />
        {tables.data?.at && <SnapshotAge at={tables.data.at} />}
      </div>
      <PartialListNotice partial={tables.data?.partial} noun="tables" />
      <QueryState query={tables} loading="Loading tables…" errorTitle="Could not load tables">
        {(data) => (
          <DataTable
            caption="Tables"
            columns={tableColumns(marks)}
            rows={data.rows}
            rowKey={(row) => `${row.schema_name}.${row.table_name}`}
            sort={{ sort: list.sort, order: list.order, onSort: (sort, order) => setList({ sort, order }) }}
            busy={tables.isPlaceholderData}
            pages={{ offset: list.offset, limit: PAGE_SIZE, total: data.total, onOffset: (offset) => setList({ offset }), label: 'Table pages' }}
            empty={
              <EmptyState
                title={data.at === null ? 'Tables have not been collected yet' : list.q ? 'No table matches this search' : 'No user tables in this database'}
              >
                {data.at === null && (
                  <p className="muted">The tables collector runs every 15 minutes by default; Collect now on the overview runs it at once.</p>
                )}
              </EmptyState>
            }
          />
        )}
      </QueryState>
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

const count = (value: number | null) => (value === null ? '–' : formatCompact(value));

function deadShareOf(row: TableRow): number {
  const live = row.n_live_tup ?? 0;
  const dead = row.n_dead_tup ?? 0;
  return live + dead > 0 ? (100 * dead) / (live + dead) : 0;
}

function tableColumns(marks: ObjectMarks['tables']): Column<TableRow>[] {
  return [
    {
      id: 'table',
      header: 'Table',
      sortKey: 'table_name',
      rowHeader: true,
      cell: (row) => (
        <>
          <span className="muted">{row.schema_name}.</span>
          {row.table_name}
          {row.autovacuum_enabled === false && <div className="muted">autovacuum off</div>}
          <Marks marks={marks.get(`${row.schema_name}.${row.table_name}`)} />
        </>
      ),
    },
    {
      id: 'size',
      header: 'Size',
      sortKey: 'total_size_bytes',
      align: 'end',
      cellProps: (row) => ({ title: `table ${formatBytes(row.table_size_bytes ?? 0)}, indexes ${formatBytes(row.indexes_size_bytes ?? 0)}` }),
      cell: (row) => (row.total_size_bytes === null ? '–' : formatBytes(row.total_size_bytes)),
    },
    { id: 'live', header: 'Live rows', sortKey: 'n_live_tup', align: 'end', cell: (row) => count(row.n_live_tup) },
    {
      id: 'dead',
      header: 'Dead rows',
      sortKey: 'n_dead_tup',
      align: 'end',
      cellProps: (row) => ({ className: deadShareOf(row) > DEAD_SHARE_WARNING ? 'cell-warn' : undefined }),
      cell: (row) => (
        <>
          {count(row.n_dead_tup)}
          {(row.n_dead_tup ?? 0) > 0 && <div className="muted">{formatPercent(deadShareOf(row), 0)}</div>}
        </>
      ),
    },
    { id: 'seq-scans', header: 'Seq scans', sortKey: 'seq_scan', align: 'end', cell: (row) => count(row.seq_scan) },
    { id: 'index-scans', header: 'Index scans', sortKey: 'idx_scan', align: 'end', cell: (row) => count(row.idx_scan) },
    {
      id: 'vacuum',
      header: 'Last vacuum',
      sortKey: 'last_autovacuum',
      className: 'nowrap',
      cell: (row) => {
        const vacuum = latest(row.last_vacuum, row.last_autovacuum);
        return <When at={vacuum} auto={vacuum !== null && vacuum === row.last_autovacuum} />;
      },
    },
    {
      id: 'analyze',
      header: 'Last analyze',
      sortKey: 'last_autoanalyze',
      className: 'nowrap',
      cell: (row) => {
        const analyze = latest(row.last_analyze, row.last_autoanalyze);
        return <When at={analyze} auto={analyze !== null && analyze === row.last_autoanalyze} />;
      },
    },
  ];
}

function IndexesList({ instanceId, marks }: ListProps) {
  const [list, setList] = useListParams({ sort: 'size_bytes' });
  const indexes = useIndexes(instanceId, {
    sort: list.sort,
    order: list.order,
    q: list.q || undefined,
    limit: PAGE_SIZE,
    offset: list.offset,
  });
  return (
    <>
      <div className="toolbar">
        <SearchBox id="indexes-search" label="Search" value={list.q} onSearch={(q) => setList({ q })} placeholder="Schema, table or index" />
        {indexes.data?.at && <SnapshotAge at={indexes.data.at} />}
      </div>
      <PartialListNotice partial={indexes.data?.partial} noun="indexes" />
      <QueryState query={indexes} loading="Loading indexes…" errorTitle="Could not load indexes">
        {(data) => (
          <DataTable
            caption="Indexes"
            columns={indexColumns(marks)}
            rows={data.rows}
            rowKey={(row) => `${row.schema_name}.${row.index_name}`}
            sort={{ sort: list.sort, order: list.order, onSort: (sort, order) => setList({ sort, order }) }}
            busy={indexes.isPlaceholderData}
            pages={{ offset: list.offset, limit: PAGE_SIZE, total: data.total, onOffset: (offset) => setList({ offset }), label: 'Index pages' }}
            empty={
              <EmptyState
                title={data.at === null ? 'Indexes have not been collected yet' : list.q ? 'No index matches this search' : 'No user indexes in this database'}
              />
            }
          />
        )}
      </QueryState>
    </>
  );
}

function indexColumns(marks: ObjectMarks['indexes']): Column<IndexRow>[] {
  return [
    {
      id: 'index',
      header: 'Index',
      sortKey: 'index_name',
      rowHeader: true,
      cell: (row) => (
        <>
          {row.index_name}
          <div className="muted">
            on {row.schema_name}.{row.table_name}
          </div>
          <Marks marks={marks.get(`${row.schema_name}.${row.index_name}`)} />
        </>
      ),
    },
    { id: 'size', header: 'Size', sortKey: 'size_bytes', align: 'end', cell: (row) => (row.size_bytes === null ? '–' : formatBytes(row.size_bytes)) },
    {
      id: 'scans',
      header: 'Scans',
      sortKey: 'idx_scan',
      align: 'end',
      cellProps: (row) => ({ className: row.idx_scan === 0 ? 'cell-warn' : undefined }),
      cell: (row) => count(row.idx_scan),
    },
    {
      id: 'kind',
      header: 'Kind',
      cell: (row) =>
        [row.is_primary ? 'primary key' : row.is_unique ? 'unique' : null, row.is_valid === false ? 'invalid' : null].filter(Boolean).join(', ') || (
          <span className="muted">–</span>
        ),
    },
    { id: 'definition', header: 'Definition', className: 'definition-cell', cell: (row) => row.definition && <code>{row.definition}</code> },
  ];
}
