import type { SettingChange } from '@inspector/contracts';
import { useState } from 'react';
import { DataTable, type Column } from '@/components/ui/DataTable';
import { QueryState } from '@/components/ui/QueryState';
import { EmptyState } from '@/components/ui/States';
import { formatDateTime, formatRelative } from '@/lib/format';
import { useSettingChanges } from '../api/get-setting-changes';

const PAGE_SIZE = 20;

const value = (text: string | null, unit: string | null) =>
  text === null ? (
    <span className="muted">not visible</span>
  ) : (
    <>
      {text}
      {unit && <span className="muted"> {unit}</span>}
    </>
  );

const COLUMNS: readonly Column<SettingChange>[] = [
  {
    id: 'at',
    header: 'Seen',
    cell: (change) => (
      <time dateTime={change.at} title={formatDateTime(change.at)}>
        {formatRelative(change.at)}
      </time>
    ),
  },
  { id: 'name', header: 'Setting', rowHeader: true, cell: (change) => <code>{change.name}</code> },
  { id: 'before', header: 'Before', cell: (change) => value(change.previousValue, change.unit) },
  { id: 'after', header: 'After', cell: (change) => value(change.newValue, change.unit) },
];

/** What changed in the server's configuration, as the instance collector saw it (every 10 minutes by default). */
export function SettingChanges({ instanceId }: { instanceId: string }) {
  const [offset, setOffset] = useState(0);
  const changes = useSettingChanges(instanceId, { limit: PAGE_SIZE, offset });
  return (
    <section className="panel" aria-labelledby="setting-changes">
      <h2 id="setting-changes">Settings history</h2>
      <QueryState query={changes} loading="Loading settings history…" errorTitle="Could not load the settings history">
        {(data) => (
          <DataTable
            caption="Server settings that changed, newest first"
            className="compact"
            columns={COLUMNS}
            rows={data.items}
            rowKey={(change) => `${change.at}-${change.name}`}
            busy={changes.isPlaceholderData}
            pages={{ offset, limit: PAGE_SIZE, total: data.total, onOffset: setOffset, label: 'Settings history pages' }}
            empty={<EmptyState title="No setting has changed since Inspector first read them" />}
          />
        )}
      </QueryState>
    </section>
  );
}
