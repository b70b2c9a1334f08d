import { grantsImply, type Permission } from '@inspector/contracts';
import { assignmentCovers, type InstanceScopeFacts } from '../access/access-policy';
import type { ScopedGrants } from '../access/principal';

/** What a token lists, null meaning "not narrowed". */
export interface TokenNarrowing {
  permissions: Permission[] | null;
  instanceIds: string[] | null;
}

/** Grants both sides imply: a token permission the owner holds, or an owner grant inside a token permission. */
export function intersectGrants(owner: readonly Permission[], token: readonly Permission[]): Permission[] {
  const fromToken = token.filter((permission) => grantsImply(owner, permission));
  const fromOwner = owner.filter((grant) => grantsImply(token, grant));
  return [...new Set([...fromToken, ...fromOwner])];
}

/**
 * The owner's assignments cut down to the token: grants intersected with the token's permissions, scope cut to the
 * listed instances that the assignment covers today (`instances` holds the listed ones that still exist). The result
 * can only lose rights, never gain them: a token never holds more than its owner does at the moment of use.
 */
export function narrowAssignments(assignments: readonly ScopedGrants[], token: TokenNarrowing, instances: readonly InstanceScopeFacts[]): ScopedGrants[] {
  return assignments.flatMap((assignment) => {
    const grants = token.permissions ? intersectGrants(assignment.grants, token.permissions) : assignment.grants;
    if (grants.length === 0) return [];
    if (!token.instanceIds) return [{ ...assignment, grants }];
    const instanceIds = instances.filter((instance) => assignmentCovers(assignment, instance)).map((instance) => instance.id);
    return instanceIds.length === 0 ? [] : [{ ...assignment, grants, scope: { instanceIds, tags: [] } }];
  });
}
