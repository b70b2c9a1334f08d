import type { MysqlIndexRow, MysqlTableRow } from '@inspector/contracts';
import { useParams, useSearchParams } from 'react-router';
import { DataTable, type Column } from '@/components/ui/DataTable';
import { QueryState } from '@/components/ui/QueryState';
import { SearchBox } from '@/components/ui/SearchBox';
import { EmptyState } from '@/components/ui/States';
import { StatusBadge } from '@/components/ui/StatusBadge';
import { formatBytes, formatCompact } from '@/lib/format';
import { useListParams } from '@/lib/use-list-params';
import { useMysqlIndexes } from '../api/get-mysql-indexes';
import { useMysqlTables } from '../api/get-mysql-tables';
import { SnapshotAge } from './SnapshotAge';

const PAGE_SIZE = 50;

/** Sizes of the user schemas' tables and the reads through each index, from the latest MySQL snapshots. */
export function MysqlTablesPage() {
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
      {view === 'tables' ? <TablesList instanceId={id} /> : <IndexesList instanceId={id} />}
    </>
  );
}

const notCollected = (noun: string) => (
  <EmptyState title={`${noun} have not been collected yet`}>
    <p className="muted">The MySQL catalog collectors run every 10 minutes by default; Collect now on the overview runs them at once.</p>
  </EmptyState>
);

function TablesList({ instanceId }: { instanceId: string }) {
  const [list, setList] = useListParams({ sort: 'data_bytes' });
  const tables = useMysqlTables(instanceId, { sort: list.sort, order: list.order, q: list.q || undefined, limit: PAGE_SIZE, offset: list.offset });
  return (
    <>
      <div className="toolbar">
        <SearchBox id="tables-search" label="Search" value={list.q} onSearch={(q) => setList({ q })} placeholder="Schema, table or engine" />
        {tables.data?.at && <SnapshotAge at={tables.data.at} />}
      </div>
      <QueryState query={tables} loading="Loading tables…" errorTitle="Could not load tables">
        {(data) => (
          <DataTable
            caption="Tables"
            columns={TABLE_COLUMNS}
            rows={data.rows}
            rowKey={(row) => `${row.schema}.${row.table}`}
            sort={{ sort: list.sort, order: list.order, onSort: (sort, order) => setList({ sort, order }) }}
            busy={tables.isPlaceholderData}
            pages={{ offset: list.offset, limit: PAGE_SIZE, total: data.total, onOffset: (offset) => setList({ offset }), label: 'Table pages' }}
            empty={data.at === null ? notCollected('Tables') : <EmptyState title={list.q ? 'No table matches this search' : 'No user tables on this server'} />}
          />
        )}
      </QueryState>
    </>
  );
}

const TABLE_COLUMNS: readonly Column<MysqlTableRow>[] = [
  {
    id: 'table',
    header: 'Table',
    sortKey: 'table',
    rowHeader: true,
    cell: (row) => (
      <>
        <span className="muted">{row.schema}.</span>
        {row.table}
        {!row.has_primary_key && (
          <>
            {' '}
            <StatusBadge tone="warn">no primary key</StatusBadge>
          </>
        )}
      </>
    ),
  },
  { id: 'engine', header: 'Engine', sortKey: 'engine', cell: (row) => row.engine ?? '–' },
  { id: 'rows', header: 'Rows (estimate)', sortKey: 'rows_estimate', align: 'end', cell: (row) => formatCompact(row.rows_estimate) },
  { id: 'data', header: 'Data', sortKey: 'data_bytes', align: 'end', cell: (row) => formatBytes(row.data_bytes) },
  { id: 'indexes', header: 'Indexes', sortKey: 'index_bytes', align: 'end', cell: (row) => formatBytes(row.index_bytes) },
];

function IndexesList({ instanceId }: { instanceId: string }) {
  const [list, setList] = useListParams({ sort: 'rows_read', order: 'asc' });
  const indexes = useMysqlIndexes(instanceId, { sort: list.sort, order: list.order, q: list.q || undefined, limit: PAGE_SIZE, offset: list.offset });
  return (
    <>
      <div className="toolbar">
        <SearchBox id="indexes-search" label="Search" value={list.q} onSearch={(q) => setList({ q })} placeholder="Schema, table or index" />
        {indexes.data?.at && <SnapshotAge at={indexes.data.at} />}
      </div>
      <QueryState query={indexes} loading="Loading indexes…" errorTitle="Could not load indexes">
        {(data) => (
          <DataTable
            caption="Indexes"
            columns={INDEX_COLUMNS}
            rows={data.rows}
            rowKey={(row) => `${row.schema}.${row.table}.${row.index}`}
            sort={{ sort: list.sort, order: list.order, onSort: (sort, order) => setList({ sort, order }) }}
            busy={indexes.isPlaceholderData}
            pages={{ offset: list.offset, limit: PAGE_SIZE, total: data.total, onOffset: (offset) => setList({ offset }), label: 'Index pages' }}
            empty={data.at === null ? notCollected('Indexes') : <EmptyState title={list.q ? 'No index matches this search' : 'No indexes on user tables'} />}
          />
        )}
      </QueryState>
    </>
  );
}

const INDEX_COLUMNS: readonly Column<MysqlIndexRow>[] = [
  {
    id: 'index',
    header: 'Index',
    sortKey: 'index',
    rowHeader: true,
    cell: (row) => (
      <>
        {row.index}
        <div className="muted">
          {row.schema}.{row.table}
        </div>
      </>
    ),
  },
  { id: 'columns', header: 'Columns', cell: (row) => <code>{row.columns.join(', ')}</code> },
  { id: 'kind', header: 'Kind', cell: (row) => (row.primary ? 'primary key' : row.unique ? 'unique' : 'index') },
  {
    id: 'reads',
    header: 'Rows read',
    sortKey: 'rows_read',
    align: 'end',
    cell: (row) => (row.rows_read === null ? <span title="performance_schema is off: index use is not measured">–</span> : formatCompact(row.rows_read)),
  },
];
