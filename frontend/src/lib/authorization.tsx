import { grantsImply, type Permission } from '@inspector/contracts';
import type { ReactNode } from 'react';
import { ApiRequestError } from './api-client';
import { useSession } from './auth';

/**
 * What the UI offers follows the user's permissions (write implies read; an area implies its sub-areas,
 * as decided by `grantsImply`). These are the grants a user holds anywhere, scoped ones included, so the
 * UI may offer something the API then refuses for one instance: the API is the authority, this only
 * hides what is certain to fail.
 */
export function useCan(permission: Permission): boolean {
  const session = useSession();
  return session !== null && grantsImply(session.permissions, permission);
}

/** True when any of the permissions is held. */
export function useCanAny(permissions: readonly Permission[]): boolean {
  const session = useSession();
  return session !== null && permissions.some((permission) => grantsImply(session.permissions, permission));
}

/** A test for many permission sets at once (a menu deciding which entry to open), without a hook per entry. */
export function useCanAnyOf(): (permissions: readonly Permission[]) => boolean {
  const session = useSession();
  return (permissions) => session !== null && permissions.some((permission) => grantsImply(session.permissions, permission));
}

type CanProps = {
  permission: Permission;
  children: ReactNode;
  /** Shown instead when the permission is missing; nothing by default. */
  fallback?: ReactNode;
};

export function Can({ permission, children, fallback = null }: CanProps) {
  return useCan(permission) ? children : fallback;
}

/** The permission a 403 names ("Requires permission users:read"), if it is one of ours. */
export function requiredPermissionOf(error: unknown): string | null {
  if (!(error instanceof ApiRequestError) || error.status !== 403) return null;
  return /requires permission ([a-z.]+:[a-z]+)/i.exec(error.message)?.[1] ?? null;
}
