import type { TopStatement } from '@inspector/contracts';
import { Link, useParams } from 'react-router';
import { DataTable, type Column } from '@/components/ui/DataTable';
import { QueryState } from '@/components/ui/QueryState';
import { SearchBox } from '@/components/ui/SearchBox';
import { EmptyState } from '@/components/ui/States';
import { paths } from '@/config/paths';
import { formatCompact, formatInteger, formatMilliseconds, formatPercent } from '@/lib/format';
import { useListParams } from '@/lib/use-list-params';
import { useTopStatements, type StatementSort } from '../api/get-top-statements';
import { windowToSearch, type TimeWindow } from '../lib/time-window';
import { useTimeWindow } from '../lib/use-time-window';
import { RangePicker } from './RangePicker';
import { StatementsUnavailable } from './StatementsUnavailable';
import { periodChangeWords } from '../lib/period-change';

const PAGE_SIZE = 25;
const SORTS: readonly StatementSort[] = ['totalTimeMs', 'calls', 'meanTimeMs', 'rows', 'sharedBlksRead', 'tempBlksWritten'];
const isSort = (value: string): value is StatementSort => (SORTS as readonly string[]).includes(value);

/** The statements that cost the most in the chosen window, from pg_stat_statements deltas. */
export function QueriesPage() {
  const { id = '' } = useParams();
  const [window, setWindow] = useTimeWindow();
  const [list, setList] = useListParams({ sort: 'totalTimeMs' });
  const sort = isSort(list.sort) ? list.sort : 'totalTimeMs';
  const statements = useTopStatements(id, window, {
    sort,
    q: list.q || undefined,
    limit: PAGE_SIZE,
    offset: list.offset,
  });
  return (
    <>
      <StatementsUnavailable instanceId={id} />
      <div className="toolbar">
        <RangePicker window={window} onChange={setWindow} />
        <SearchBox id="queries-search" label="Search" value={list.q} onSearch={(q) => setList({ q })} placeholder="Query text or id" />
      </div>
      <QueryState query={statements} loading="Loading statements…" errorTitle="Could not load statements" refreshErrorTitle="Could not refresh statements">
        {(data) => (
          <DataTable
            caption="Top statements"
            className="statements-table"
            columns={statementColumns(id, window)}
            rows={data.items}
            rowKey={(item) => item.key}
            sort={{ sort, order: 'desc', descendingOnly: true, onSort: (next) => setList({ sort: next }) }}
            busy={statements.isPlaceholderData}
            pages={{ offset: list.offset, limit: PAGE_SIZE, total: data.total, onOffset: (offset) => setList({ offset }), label: 'Statement pages' }}
            empty={
              <EmptyState title={list.q ? 'No statement matches this search' : 'No statements ran in this range'}>
                <p className="muted">Statement totals are the difference between two collections: they appear after the statements collector has run twice.</p>
              </EmptyState>
            }
          />
        )}
      </QueryState>
    </>
  );
}

function statementColumns(instanceId: string, window: TimeWindow): Column<TopStatement>[] {
  // A statement's page opens on the same window.
  const search = windowToSearch(new URLSearchParams(), window).toString();
  return [
    {
      id: 'statement',
      header: 'Statement',
      className: 'statement-cell',
      cell: (item) => (
        <>
          <Link to={{ pathname: paths.instanceStatement.to(instanceId, item.key), search }} className="statement-link">
            {item.query ? <code>{item.query}</code> : <span>Query {item.queryid}</span>}
          </Link>
          <div className="muted">
            {item.database ?? 'unknown database'}
            {item.user && ` · ${item.user}`}
          </div>
        </>
      ),
    },
    { id: 'calls', header: 'Calls', sortKey: 'calls', align: 'end', cell: (item) => formatInteger(item.calls) },
    { id: 'total', header: 'Total time', sortKey: 'totalTimeMs', align: 'end', cell: (item) => formatMilliseconds(item.totalTimeMs) },
    { id: 'mean', header: 'Mean', sortKey: 'meanTimeMs', align: 'end', cell: (item) => (item.meanTimeMs === null ? '–' : formatMilliseconds(item.meanTimeMs)) },
    {
      id: 'change',
      header: 'vs previous period',
      align: 'end',
      cell: (item) => (item.change === null ? <span className="badge badge-warn">new</span> : periodChangeWords(item.change)),
    },
    { id: 'rows', header: 'Rows', sortKey: 'rows', align: 'end', cell: (item) => formatCompact(item.rows) },
    { id: 'blocks-read', header: 'Blocks read', sortKey: 'sharedBlksRead', align: 'end', cell: (item) => formatCompact(item.sharedBlksRead) },
    {
      id: 'hit-ratio',
      header: 'Hit ratio',
      align: 'end',
      cell: (item) => {
        const blocks = item.sharedBlksHit + item.sharedBlksRead;
        return blocks === 0 ? '–' : formatPercent((100 * item.sharedBlksHit) / blocks);
      },
    },
    { id: 'temp-written', header: 'Temp written', sortKey: 'tempBlksWritten', align: 'end', cell: (item) => formatCompact(item.tempBlksWritten) },
  ];
}
