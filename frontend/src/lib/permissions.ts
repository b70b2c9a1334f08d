import { grantsImply, PERMISSIONS, type Permission } from '@inspector/contracts';

/**
 * The grants not implied by another one, in catalog order: ["instances:write", "instances:read"] is just
 * "instances:write". Unknown strings are dropped.
 */
export function minimalGrants(grants: readonly string[]): Permission[] {
  const known = PERMISSIONS.filter((permission) => grants.includes(permission));
  return known.filter(
    (grant) =>
      !grantsImply(
        known.filter((other) => other !== grant),
        grant,
      ),
  );
}
