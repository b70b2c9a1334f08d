import type { MysqlReplicaRow } from '@inspector/contracts';
import { DataTable, type Column } from '@/components/ui/DataTable';
import { StatusBadge } from '@/components/ui/StatusBadge';
import { formatDuration } from '@/lib/format';
import { useMysqlReplicas } from '../api/get-mysql-replicas';

const running = (value: string | null) => <StatusBadge tone={value === 'Yes' ? 'ok' : value === null ? 'unknown' : 'danger'}>{value ?? 'unknown'}</StatusBadge>;

const CHANNEL_COLUMNS: readonly Column<MysqlReplicaRow>[] = [
  { id: 'channel', header: 'Channel', rowHeader: true, cell: (row) => row.channel || 'default' },
  { id: 'source', header: 'Source', cell: (row) => row.source_host ?? '–' },
  { id: 'io', header: 'I/O thread', cell: (row) => running(row.io_running) },
  { id: 'sql', header: 'SQL thread', cell: (row) => running(row.sql_running) },
  { id: 'behind', header: 'Behind', align: 'end', cell: (row) => (row.seconds_behind === null ? '–' : formatDuration(row.seconds_behind)) },
  {
    id: 'error',
    header: 'Last error',
    className: 'definition-cell',
    cell: (row) => [row.last_io_error, row.last_sql_error].filter(Boolean).join(' · ') || <span className="muted">none</span>,
  },
];

/** This server's replication channels as a replica, shown only when it is one: a source has nothing to say here. */
export function MysqlReplicas({ instanceId }: { instanceId: string }) {
  const { data } = useMysqlReplicas(instanceId);
  if (!data || data.rows.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="overview-replication">
      <h2 id="overview-replication">Replication</h2>
      <DataTable caption="Replication channels" className="compact" columns={CHANNEL_COLUMNS} rows={data.rows} rowKey={(row) => row.channel} />
    </section>
  );
}
