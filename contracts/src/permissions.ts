import { z } from 'zod';

/**
 * The permission catalog. A permission is `<area>[.<sub-area>]:<action>`; `write` implies `read`,
 * and a grant on an area implies the same action on each of its sub-areas. Everything that decides
 * access goes through `grantsImply`. Every permission here guards at least one route (backend/test/route-access.spec.ts):
 * a permission nothing asks for would promise a restriction that does not exist.
 */
export const PERMISSION_AREAS = {
  config: { label: 'Settings', actions: ['read', 'write'] },
  'config.retention': { label: 'Retention', actions: ['read', 'write'] },
  'config.thresholds': { label: 'Analyzer thresholds', actions: ['read', 'write'] },
  instances: { label: 'Instances', actions: ['read', 'write'] },
  'instances.settings': { label: 'Instance names, tags and hardware facts', actions: ['read', 'write'] },
  'instances.connection': { label: 'Connection settings and credentials', actions: ['read', 'write'] },
  // Monitoring data is collected, never edited: `monitoring:write` runs a collection now; its parts are read-only.
  monitoring: { label: 'Monitoring data', actions: ['read', 'write'] },
  'monitoring.queries': { label: 'Query statistics', actions: ['read'] },
  'monitoring.activity': { label: 'Sessions, activity and blocking locks', actions: ['read'] },
  'monitoring.tables': { label: 'Tables and indexes', actions: ['read'] },
  'monitoring.settings': { label: 'Server settings', actions: ['read'] },
  findings: { label: 'Findings', actions: ['read', 'write'] },
  notifiers: { label: 'Notifiers', actions: ['read', 'write'] },
  users: { label: 'Users', actions: ['read', 'write'] },
  roles: { label: 'Roles', actions: ['read', 'write'] },
  audit: { label: 'Audit log', actions: ['read'] },
  // `write` approves and disables plugins: approving lets their code run and their declared SQL reach monitored servers.
  plugins: { label: 'Plugins', actions: ['read', 'write'] },
  // `read` asks the assistant questions (its tools still need the permission of each thing they read); `write` manages providers.
  assistant: { label: 'Assistant', actions: ['read', 'write'] },
  // Scraping by Prometheus (GET /api/metrics/openmetrics): its own area, so a scrape token holds nothing else, and no
  // built-in role but Admin gets it: every exported series leaves Inspector for another system.
  openmetrics: { label: 'OpenMetrics export (Prometheus scrape)', actions: ['read'] },
} as const satisfies Record<string, { label: string; actions: readonly ('read' | 'write')[] }>;

export type PermissionArea = keyof typeof PERMISSION_AREAS;
type ActionsOf<A extends PermissionArea> = (typeof PERMISSION_AREAS)[A]['actions'][number];
export type Permission = { [A in PermissionArea]: `${A}:${ActionsOf<A>}` }[PermissionArea];

export const PERMISSIONS: readonly Permission[] = (Object.keys(PERMISSION_AREAS) as PermissionArea[]).flatMap((area) =>
  PERMISSION_AREAS[area].actions.map((action) => `${area}:${action}` as Permission),
);

export const permissionSchema = z.enum(PERMISSIONS as [Permission, ...Permission[]]);

/**
 * The catalog permissions among stored ones. A role saved before a permission left the catalog keeps loading,
 * holding only what still exists.
 */
export function knownPermissions(stored: readonly unknown[]): Permission[] {
  return PERMISSIONS.filter((permission) => stored.includes(permission));
}

type ParsedPermission = { path: readonly string[]; action: string };
/** Permissions as `split` parsed them: every request's access check asks about the same few dozen strings. */
const parsedPermissions = new Map<string, ParsedPermission>();

function split(permission: string): ParsedPermission {
  let parsed = parsedPermissions.get(permission);
  if (parsed === undefined) {
    const [area = '', action = ''] = permission.split(':');
    parsed = { path: area.split('.'), action };
    // Catalog permissions are what reaches here (stored grants pass knownPermissions); the cap only guards a mistake.
    if (parsedPermissions.size < 1_000) parsedPermissions.set(permission, parsed);
  }
  return parsed;
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
