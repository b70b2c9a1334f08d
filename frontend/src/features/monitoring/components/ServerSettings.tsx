import { DataTable, type Column } from '@/components/ui/DataTable';
import { QueryState } from '@/components/ui/QueryState';
import { SearchBox } from '@/components/ui/SearchBox';
import { EmptyState } from '@/components/ui/States';
import { useListParams } from '@/lib/use-list-params';
import { useServerSettings, type SettingRow } from '../api/get-server-settings';
import { SnapshotAge } from './SnapshotAge';

const PAGE_SIZE = 50;

/** pg_settings units: "s" and "ms" follow the number; "8kB" is a block size the number counts ("16384 × 8kB"). */
const unitSuffix = (unit: string) => (/^\d/.test(unit) ? ` × ${unit}` : ` ${unit}`);

const SETTING_COLUMNS: readonly Column<SettingRow>[] = [
  { id: 'name', header: 'Name', sortKey: 'name', rowHeader: true, cell: (row) => <code>{row.name}</code> },
  {
    id: 'value',
    header: 'Value',
    className: 'definition-cell',
    cell: (row) => (
      <>
        {row.setting ?? <span className="muted">hidden</span>}
        {row.unit && <span className="muted">{unitSuffix(row.unit)}</span>}
        {row.pending_restart && <span className="badge badge-warn">restart pending</span>}
      </>
    ),
  },
  { id: 'source', header: 'Source', sortKey: 'source', cell: (row) => row.source },
];

/** pg_settings as last collected: value, unit, where it comes from, and whether a restart is pending. */
export function ServerSettings({ instanceId }: { instanceId: string }) {
  const [list, setList] = useListParams({ sort: 'name', order: 'asc' }, 'settings');
  const settings = useServerSettings(instanceId, {
    sort: list.sort,
    order: list.order,
    q: list.q || undefined,
    limit: PAGE_SIZE,
    offset: list.offset,
  });
  return (
    <section className="panel" aria-labelledby="server-settings">
      <h2 id="server-settings">Server settings</h2>
      <div className="toolbar">
        <SearchBox id="settings-search" label="Search" value={list.q} onSearch={(q) => setList({ q })} placeholder="Name, value or source" />
        {settings.data?.at && <SnapshotAge at={settings.data.at} />}
      </div>
      <QueryState query={settings} loading="Loading settings…" errorTitle="Could not load server settings">
        {(data) => (
          <DataTable
            caption="PostgreSQL settings"
            className="compact"
            columns={SETTING_COLUMNS}
            rows={data.rows}
            rowKey={(row) => row.name}
            sort={{ sort: list.sort, order: list.order, onSort: (sort, order) => setList({ sort, order }) }}
            busy={settings.isPlaceholderData}
            pages={{ offset: list.offset, limit: PAGE_SIZE, total: data.total, onOffset: (offset) => setList({ offset }), label: 'Settings pages' }}
            empty={<EmptyState title={data.at === null ? 'Settings have not been collected yet' : 'No setting matches this search'} />}
          />
        )}
      </QueryState>
    </section>
  );
}
