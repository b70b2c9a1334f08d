import { z } from 'zod';

/**
 * The permission catalog. A permission is `<area>[.<sub-area>]:<action>`; `write` implies `read`,
 * and a grant on an area implies the same action on each of its sub-areas. Everything that decides
 * access goes through `grantsImply`.
 */
export const PERMISSION_AREAS = {
  config: { label: 'Settings', actions: ['read', 'write'] },
  'config.retention': { label: 'Retention', actions: ['read', 'write'] },
  'config.thresholds': { label: 'Analyzer thresholds', actions: ['read', 'write'] },
  instances: { label: 'Instances', actions: ['read', 'write'] },
  'instances.settings': { label: 'Instance names, tags and hardware facts', actions: ['read', 'write'] },
  'instances.connection': { label: 'Connection settings and credentials', actions: ['read', 'write'] },
  monitoring: { label: 'Monitoring data', actions: ['read', 'write'] },
  'monitoring.queries': { label: 'Query statistics', actions: ['read', 'write'] },
  'monitoring.activity': { label: 'Sessions and activity', actions: ['read', 'write'] },
  'monitoring.tables': { label: 'Tables and indexes', actions: ['read', 'write'] },
  'monitoring.locks': { label: 'Locks', actions: ['read', 'write'] },
  'monitoring.replication': { label: 'Replication', actions: ['read', 'write'] },
  'monitoring.settings': { label: 'Server settings', actions: ['read', 'write'] },
  findings: { label: 'Findings', actions: ['read', 'write'] },
  notifiers: { label: 'Notifiers', actions: ['read', 'write'] },
  assistant: { label: 'Assistant', actions: ['read', 'write'] },
  users: { label: 'Users', actions: ['read', 'write'] },
  roles: { label: 'Roles', actions: ['read', 'write'] },
  audit: { label: 'Audit log', actions: ['read'] },
} as const satisfies Record<string, { label: string; actions: readonly ('read' | 'write')[] }>;

export type PermissionArea = keyof typeof PERMISSION_AREAS;
type ActionsOf<A extends PermissionArea> = (typeof PERMISSION_AREAS)[A]['actions'][number];
export type Permission = { [A in PermissionArea]: `${A}:${ActionsOf<A>}` }[PermissionArea];

export const PERMISSIONS: readonly Permission[] = (Object.keys(PERMISSION_AREAS) as PermissionArea[]).flatMap((area) =>
  PERMISSION_AREAS[area].actions.map((action) => `${area}:${action}` as Permission),
);

export const permissionSchema = z.enum(PERMISSIONS as [Permission, ...Permission[]]);

function split(permission: string): { path: string[]; action: string } {
  const [area = '', action = ''] = permission.split(':');
  return { path: area.split('.'), action };
}

/** Does one grant cover the permission asked for? */
export function grantImplies(grant: Permission, wanted: Permission): boolean {
  const held = split(grant);
  const asked = split(wanted);
  const covers = held.path.length <= asked.path.length && held.path.every((segment, index) => segment === asked.path[index]);
  return covers && (held.action === asked.action || (held.action === 'write' && asked.action === 'read'));
}

/** The one decision: do these grants imply this permission? */
export function grantsImply(grants: readonly Permission[], wanted: Permission): boolean {
  return grants.some((grant) => grantImplies(grant, wanted));
}

/** Every permission the grants imply, in catalog order: what a user can actually do. */
export function expandGrants(grants: readonly Permission[]): Permission[] {
  return PERMISSIONS.filter((permission) => grantsImply(grants, permission));
}

/** Top-level grants that together imply the whole catalog (the Admin role and the emergency user). */
export const ALL_PERMISSIONS_GRANTS: readonly Permission[] = (Object.keys(PERMISSION_AREAS) as PermissionArea[])
  .filter((area) => !area.includes('.'))
  .map((area) => {
    const actions = PERMISSION_AREAS[area].actions as readonly string[];
    return `${area}:${actions.includes('write') ? 'write' : 'read'}` as Permission;
  });
