import type { instanceAccessSchema } from '@inspector/contracts';
import type { z } from 'zod';
import { DataTable, type Column } from '@/components/ui/DataTable';
import { QueryState } from '@/components/ui/QueryState';
import { EmptyState } from '@/components/ui/States';
import { minimalGrants } from '@/lib/permissions';
import { useInstanceAccess } from '../api/get-instance-access';

const viaLabels = { global: 'All instances', instance: 'This instance', tag: 'A tag on it' } as const;

type AccessEntry = z.infer<typeof instanceAccessSchema>['entries'][number];

const ACCESS_COLUMNS: readonly Column<AccessEntry>[] = [
  {
    id: 'user',
    header: 'User',
    cell: (entry) => (
      <>
        {entry.username}
        {entry.disabled && <span className="badge badge-neutral">Disabled</span>}
      </>
    ),
  },
  { id: 'role', header: 'Role', cell: (entry) => entry.roleName },
  { id: 'via', header: 'Granted for', cell: (entry) => viaLabels[entry.via] },
  {
    id: 'grants',
    header: 'Grants',
    cell: (entry) => (
      <ul className="chips">
        {minimalGrants(entry.permissions).map((permission) => (
          <li key={permission} className="chip">
            <code>{permission}</code>
          </li>
        ))}
      </ul>
    ),
  },
];

/** Who can reach this instance and why: one row per user and role. */
export function AccessReview({ instanceId }: { instanceId: string }) {
  const access = useInstanceAccess(instanceId);
  return (
    <QueryState query={access} loading="Loading access review…" errorTitle="Could not load the access review">
      {({ entries, emergencyAccount }) => (
        <>
          <DataTable
            caption="Users with access to this instance"
            columns={ACCESS_COLUMNS}
            rows={entries}
            rowKey={(entry) => `${entry.userId}-${entry.roleId}-${entry.via}`}
            empty={<EmptyState title="No user has a role that reaches this instance." />}
          />
          {emergencyAccount && (
            <p className="muted">The emergency account (AUTH_EMERGENCY_USER) is enabled on this server and can also reach every instance.</p>
          )}
        </>
      )}
    </QueryState>
  );
}
