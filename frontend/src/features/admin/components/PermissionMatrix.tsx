import { grantImplies, grantsImply, PERMISSION_AREAS, type Permission, type PermissionArea } from '@inspector/contracts';

const AREAS = Object.keys(PERMISSION_AREAS) as PermissionArea[];
const ACTIONS = ['read', 'write'] as const;

type PermissionMatrixProps = {
  /** The grants chosen explicitly. */
  value: readonly Permission[];
  /** Absent: the matrix is shown read-only (built-in roles, or no roles:write). */
  onChange?: (grants: Permission[]) => void;
  /** What the editor may grant (the API refuses permissions you do not hold yourself). */
  canGrant?: (permission: Permission) => boolean;
};

/**
 * Rows are areas (sub-areas indented under theirs), columns are read and write. A box implied by another
 * grant (write → read, area → sub-area) is shown checked and disabled, so what a role really allows is
 * visible at a glance; the decision is the same `grantsImply` the API uses.
 */
export function PermissionMatrix({ value, onChange, canGrant = () => true }: PermissionMatrixProps) {
  const toggle = (permission: Permission, checked: boolean) => onChange?.(checked ? [...value, permission] : value.filter((grant) => grant !== permission));

  return (
    <div className="table-wrap matrix-wrap">
      <table className="table matrix">
        <caption className="visually-hidden">Permissions: areas by action</caption>
        <thead>
          <tr>
            <th scope="col">Area</th>
            {ACTIONS.map((action) => (
              <th key={action} scope="col" className="matrix-cell">
                {action === 'read' ? 'Read' : 'Write'}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {AREAS.map((area) => {
            const { label, actions } = PERMISSION_AREAS[area];
            const sub = area.includes('.');
            return (
              <tr key={area} className={sub ? 'matrix-sub' : 'matrix-area'}>
                <th scope="row">
                  <span className="matrix-label">{label}</span> <code className="muted">{area}</code>
                </th>
                {ACTIONS.map((action) => {
                  if (!(actions as readonly string[]).includes(action)) {
                    return (
                      <td key={action} className="matrix-cell muted">
                        <span aria-hidden="true">–</span>
                        <span className="visually-hidden">no {action} permission</span>
                      </td>
                    );
                  }
                  const permission = `${area}:${action}` as Permission;
                  const others = value.filter((grant) => grant !== permission);
                  const implied = grantsImply(others, permission);
                  const impliedBy = others.find((grant) => grantImplies(grant, permission));
                  const explicit = value.includes(permission);
                  const grantable = canGrant(permission);
                  const disabled = !onChange || implied || (!explicit && !grantable);
                  const note = implied ? `implied by ${impliedBy}` : !explicit && !grantable && onChange ? 'you do not hold it' : null;
                  return (
                    <td key={action} className={`matrix-cell${implied ? ' matrix-implied' : ''}`}>
                      <label title={note ? `${permission}: ${note}` : permission}>
                        <input
                          type="checkbox"
                          checked={explicit || implied}
                          disabled={disabled}
                          onChange={(event) => toggle(permission, event.target.checked)}
                        />
                        <span className="visually-hidden">
                          {label}: {action}
                          {note ? ` (${note})` : ''}
                        </span>
                      </label>
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
