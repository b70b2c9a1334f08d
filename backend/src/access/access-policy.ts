import { ForbiddenException } from '@nestjs/common';
import { ALL_PERMISSIONS_GRANTS, grantsImply, type Permission } from '@inspector/contracts';
import type { Principal, ScopedGrants } from './principal';

/** What an instance offers to scope matching. */
export interface InstanceScopeFacts {
  id: string;
  tags: string[];
}

export function assignmentCovers(assignment: ScopedGrants, instance: InstanceScopeFacts): boolean {
  if (assignment.scope === null) return true;
  return assignment.scope.instanceIds.includes(instance.id) || assignment.scope.tags.some((tag) => instance.tags.includes(tag));
}

/** Grants valid everywhere: unscoped assignments only (and everything for the emergency user). */
export function globalGrants(principal: Principal): Permission[] {
  if (principal.emergency) return [...ALL_PERMISSIONS_GRANTS];
  return principal.assignments.filter((assignment) => assignment.scope === null).flatMap((assignment) => assignment.grants);
}

/** Whether grants imply the whole catalog: what makes an admin (or the emergency account). */
export function holdsEverything(grants: readonly Permission[]): boolean {
  return ALL_PERMISSIONS_GRANTS.every((permission) => grantsImply(grants, permission));
}

/** Grants that apply on one instance: global ones plus those of assignments scoped to it. */
export function grantsOnInstance(principal: Principal, instance: InstanceScopeFacts): Permission[] {
  if (principal.emergency) return [...ALL_PERMISSIONS_GRANTS];
  return principal.assignments.filter((assignment) => assignmentCovers(assignment, instance)).flatMap((assignment) => assignment.grants);
}

/** Grants from any assignment, scoped or not: enough to reach a list that the service then filters. */
export function grantsAnywhere(principal: Principal): Permission[] {
  if (principal.emergency) return [...ALL_PERMISSIONS_GRANTS];
  return principal.assignments.flatMap((assignment) => assignment.grants);
}

/**
 * `grantsOnInstance` implies `permission`, asked without building that list: the instance list checks every instance
 * of a fleet on every poll, and the arrays were ~7 % of what the app allocated under dashboard load.
 */
export function canOnInstance(principal: Principal, permission: Permission, instance: InstanceScopeFacts): boolean {
  if (principal.emergency) return grantsImply(ALL_PERMISSIONS_GRANTS, permission);
  return principal.assignments.some((assignment) => assignmentCovers(assignment, instance) && grantsImply(assignment.grants, permission));
}

/** Everything the principal can do somewhere, for the UI (`permissions` in login and me). */
export function effectiveGrants(principal: Principal): Permission[] {
  return [...new Set(grantsAnywhere(principal))];
}

/** Nobody hands out more than they hold: every granted permission must be implied by the actor's global grants. */
export function assertCanGrant(actor: Principal, permissions: readonly Permission[]): void {
  const held = globalGrants(actor);
  const beyond = permissions.filter((permission) => !grantsImply(held, permission));
  if (beyond.length > 0) throw new ForbiddenException(`You cannot grant permissions you do not hold: ${beyond.join(', ')}`);
}

/**
 * Acting on a user (password reset, edit, disable, enable, delete, roles) needs every permission that user holds
 * anywhere, implied by the actor's global grants: otherwise resetting a password is a way into the target's rights.
 */
export function assertCanManage(actor: Principal, targetGrants: readonly Permission[]): void {
  const held = globalGrants(actor);
  const beyond = [...new Set(targetGrants)].filter((permission) => !grantsImply(held, permission));
  if (beyond.length > 0) throw new ForbiddenException(`You cannot manage a user who holds permissions you do not hold: ${beyond.join(', ')}`);
}
