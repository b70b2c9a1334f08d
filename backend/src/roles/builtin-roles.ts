import { ALL_PERMISSIONS_GRANTS, type Permission } from '@inspector/contracts';

export interface BuiltinRole {
  id: string;
  name: string;
  description: string;
  permissions: readonly Permission[];
}

/** Shipped roles: re-applied at every start so upgrades keep them current; they cannot be edited or deleted. */
export const BUILTIN_ROLES: readonly BuiltinRole[] = [
  { id: 'builtin-admin', name: 'Admin', description: 'Everything, including users, roles and settings', permissions: ALL_PERMISSIONS_GRANTS },
  {
    id: 'builtin-operator',
    name: 'Operator',
    description: 'Runs the monitoring: instances, findings, notifiers; asks the assistant; reads settings',
    // Asking the assistant sends what its tools read to the configured provider: Viewers get it only when an admin chooses.
    permissions: ['instances:write', 'monitoring:write', 'findings:write', 'notifiers:write', 'assistant:read', 'config:read'],
  },
  {
    id: 'builtin-viewer',
    name: 'Viewer',
    description: 'Reads dashboards and findings',
    permissions: ['instances:read', 'monitoring:read', 'findings:read', 'notifiers:read', 'config:read'],
  },
];

export const ADMIN_ROLE_ID = 'builtin-admin';
