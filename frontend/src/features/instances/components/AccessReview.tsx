import { QueryError } from '@/components/ui/QueryError';
import { EmptyState, Loading } from '@/components/ui/States';
import { minimalGrants } from '@/lib/permissions';
import { useInstanceAccess } from '../api/get-instance-access';

const viaLabels = { global: 'All instances', instance: 'This instance', tag: 'A tag on it' } as const;

/** Who can reach this instance and why: one row per user and role. */
export function AccessReview({ instanceId }: { instanceId: string }) {
  const access = useInstanceAccess(instanceId);
  if (!access.data) {
    if (access.error) {
      return <QueryError title="Could not load the access review" error={access.error} onRetry={() => void access.refetch()} retrying={access.isFetching} />;
    }
    return <Loading>Loading access review…</Loading>;
  }
  const { entries, emergencyAccount } = access.data;
  return (
    <>
      {entries.length === 0 ? (
        <EmptyState title="No user has a role that reaches this instance." />
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Users with access to this instance</caption>
            <thead>
              <tr>
                <th scope="col">User</th>
                <th scope="col">Role</th>
                <th scope="col">Granted for</th>
                <th scope="col">Grants</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={`${entry.userId}-${entry.roleId}-${entry.via}`}>
                  <td>
                    {entry.username}
                    {entry.disabled && <span className="badge badge-neutral">Disabled</span>}
                  </td>
                  <td>{entry.roleName}</td>
                  <td>{viaLabels[entry.via]}</td>
                  <td>
                    <ul className="chips">
                      {minimalGrants(entry.permissions).map((permission) => (
                        <li key={permission} className="chip">
                          <code>{permission}</code>
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {emergencyAccount && <p className="muted">The emergency account (AUTH_EMERGENCY_USER) is enabled on this server and can also reach every instance.</p>}
    </>
  );
}
