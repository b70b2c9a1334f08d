import { describe, expect, it } from 'vitest';
import { ALL_PERMISSIONS_GRANTS, expandGrants, grantImplies, grantsImply, knownPermissions, PERMISSIONS, type Permission } from './permissions';

describe('permission catalog', () => {
  it('has at least 25 permissions, each unique', () => {
    expect(PERMISSIONS.length).toBeGreaterThanOrEqual(25);
    expect(new Set(PERMISSIONS).size).toBe(PERMISSIONS.length);
  });

  it('lets the full-access grants imply every permission', () => {
    expect(expandGrants(ALL_PERMISSIONS_GRANTS)).toEqual([...PERMISSIONS]);
  });
});

/** The reference rule, written independently: same area or an ancestor area; write covers read. */
function expected(grant: Permission, wanted: Permission): boolean {
  const [grantArea, grantAction] = grant.split(':');
  const [wantedArea, wantedAction] = wanted.split(':');
  const areaCovers = wantedArea === grantArea || wantedArea.startsWith(`${grantArea}.`);
  return areaCovers && (grantAction === wantedAction || (grantAction === 'write' && wantedAction === 'read'));
}

describe('grantImplies', () => {
  it('agrees with the reference rule on every pair of the catalog', () => {
    let implied = 0;
    for (const grant of PERMISSIONS) {
      for (const wanted of PERMISSIONS) {
        expect(grantImplies(grant, wanted), `${grant} ⇒ ${wanted}`).toBe(expected(grant, wanted));
        if (expected(grant, wanted)) implied++;
      }
    }
    expect(implied).toBeGreaterThan(PERMISSIONS.length);
  });

  it('reads the examples the way an admin would', () => {
    expect(grantsImply(['monitoring:write'], 'monitoring.queries:read')).toBe(true);
    expect(grantsImply(['instances:read'], 'instances.settings:write')).toBe(false);
    expect(grantsImply(['monitoring.queries:read'], 'monitoring:read')).toBe(false);
    expect(grantsImply(['instances.connection:write'], 'instances:read')).toBe(false);
    expect(grantsImply(['config:read'], 'config.retention:read')).toBe(true);
    expect(grantsImply(['users:read'], 'users:write')).toBe(false);
    expect(grantsImply([], 'audit:read')).toBe(false);
  });

  it('keeps only catalog permissions from a stored list, so a role saved before a permission was retired still loads', () => {
    expect(knownPermissions(['instances:read', 'explain:write', 'monitoring.locks:read', 42, 'instances:read'])).toEqual(['instances:read']);
  });

  it('does not confuse areas sharing a prefix', () => {
    expect(grantImplies('config:write' as Permission, 'config.thresholds:write')).toBe(true);
    expect(grantImplies('roles:write', 'users:write' as Permission)).toBe(false);
  });
});
