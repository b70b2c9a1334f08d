import type { MysqlVariableRow } from '@inspector/contracts';
import { DataTable, type Column } from '@/components/ui/DataTable';
import { QueryState } from '@/components/ui/QueryState';
import { SearchBox } from '@/components/ui/SearchBox';
import { EmptyState } from '@/components/ui/States';
import { useListParams } from '@/lib/use-list-params';
import { useMysqlVariables } from '../api/get-mysql-variables';
import { SnapshotAge } from './SnapshotAge';

const PAGE_SIZE = 50;

const VARIABLE_COLUMNS: readonly Column<MysqlVariableRow>[] = [
  { id: 'name', header: 'Name', sortKey: 'name', rowHeader: true, cell: (row) => <code>{row.name}</code> },
  { id: 'value', header: 'Value', sortKey: 'value', className: 'definition-cell', cell: (row) => row.value || <span className="muted">empty</span> },
];

/** The server's global variables as last collected. */
export function MysqlVariables({ instanceId }: { instanceId: string }) {
  const [list, setList] = useListParams({ sort: 'name', order: 'asc' }, 'settings');
  const variables = useMysqlVariables(instanceId, { sort: list.sort, order: list.order, q: list.q || undefined, limit: PAGE_SIZE, offset: list.offset });
  return (
    <section className="panel" aria-labelledby="server-settings">
      <h2 id="server-settings">Server variables</h2>
      <div className="toolbar">
        <SearchBox id="settings-search" label="Search" value={list.q} onSearch={(q) => setList({ q })} placeholder="Name or value" />
        {variables.data?.at && <SnapshotAge at={variables.data.at} />}
      </div>
      <QueryState query={variables} loading="Loading variables…" errorTitle="Could not load server variables">
        {(data) => (
          <DataTable
            caption="MySQL global variables"
            className="compact"
            columns={VARIABLE_COLUMNS}
            rows={data.rows}
            rowKey={(row) => row.name}
            sort={{ sort: list.sort, order: list.order, onSort: (sort, order) => setList({ sort, order }) }}
            busy={variables.isPlaceholderData}
            pages={{ offset: list.offset, limit: PAGE_SIZE, total: data.total, onOffset: (offset) => setList({ offset }), label: 'Variable pages' }}
            empty={<EmptyState title={data.at === null ? 'Variables have not been collected yet' : 'No variable matches this search'} />}
          />
        )}
      </QueryState>
    </section>
  );
}
