import type { MysqlStatementRow } from '@inspector/contracts';
import { useParams } from 'react-router';
import { DataTable, type Column } from '@/components/ui/DataTable';
import { QueryState } from '@/components/ui/QueryState';
import { SearchBox } from '@/components/ui/SearchBox';
import { EmptyState } from '@/components/ui/States';
import { formatCompact, formatInteger, formatMilliseconds } from '@/lib/format';
import { useListParams } from '@/lib/use-list-params';
import { useMysqlStatements } from '../api/get-mysql-statements';
import { SnapshotAge } from './SnapshotAge';

const PAGE_SIZE = 25;

/** The statement digests that cost the most, as performance_schema counts them since it started. */
export function MysqlQueriesPage() {
  const { id = '' } = useParams();
  const [list, setList] = useListParams({ sort: 'total_ms' });
  const statements = useMysqlStatements(id, { sort: list.sort, order: list.order, q: list.q || undefined, limit: PAGE_SIZE, offset: list.offset });
  return (
    <>
      <div className="toolbar">
        <SearchBox id="queries-search" label="Search" value={list.q} onSearch={(q) => setList({ q })} placeholder="Statement text, schema or digest" />
        {statements.data?.at && <SnapshotAge at={statements.data.at} />}
      </div>
      <p className="muted">Totals since performance_schema started (or its statement summary was last truncated), from the latest collection.</p>
      <QueryState query={statements} loading="Loading statements…" errorTitle="Could not load statements" refreshErrorTitle="Could not refresh statements">
        {(data) => (
          <DataTable
            caption="Statement digests"
            className="statements-table"
            columns={DIGEST_COLUMNS}
            rows={data.rows}
            rowKey={(row) => `${row.schema_name ?? ''}:${row.digest}`}
            sort={{ sort: list.sort, order: list.order, onSort: (sort, order) => setList({ sort, order }) }}
            busy={statements.isPlaceholderData}
            pages={{ offset: list.offset, limit: PAGE_SIZE, total: data.total, onOffset: (offset) => setList({ offset }), label: 'Statement pages' }}
            empty={
              <EmptyState title={data.at === null ? 'Statements have not been collected yet' : 'No statement matches this search'}>
                {data.at === null && <p className="muted">The statements collector reads performance_schema digests every minute by default.</p>}
              </EmptyState>
            }
          />
        )}
      </QueryState>
    </>
  );
}

const DIGEST_COLUMNS: readonly Column<MysqlStatementRow>[] = [
  {
    id: 'statement',
    header: 'Statement',
    className: 'statement-cell',
    rowHeader: true,
    cell: (row) => (
      <>
        {row.digest_text ? <code className="query-snippet">{row.digest_text}</code> : <span>Digest {row.digest.slice(0, 16)}</span>}
        <div className="muted">{row.schema_name ?? 'no schema'}</div>
      </>
    ),
  },
  { id: 'calls', header: 'Calls', sortKey: 'calls', align: 'end', cell: (row) => formatInteger(row.calls) },
  { id: 'total', header: 'Total time', sortKey: 'total_ms', align: 'end', cell: (row) => formatMilliseconds(row.total_ms) },
  { id: 'mean', header: 'Mean', sortKey: 'mean_ms', align: 'end', cell: (row) => formatMilliseconds(row.mean_ms) },
  { id: 'max', header: 'Max', sortKey: 'max_ms', align: 'end', cell: (row) => formatMilliseconds(row.max_ms) },
  { id: 'examined', header: 'Rows examined', sortKey: 'rows_examined', align: 'end', cell: (row) => formatCompact(row.rows_examined) },
  { id: 'sent', header: 'Rows sent', sortKey: 'rows_sent', align: 'end', cell: (row) => formatCompact(row.rows_sent) },
];
