import type { Permission } from '@inspector/contracts';

/** Where a role assignment applies: the instances named, and every instance carrying one of the tags. */
export interface AssignmentScope {
  instanceIds: string[];
  tags: string[];
}

/** Grants that come from one role assignment, limited to a scope or (scope null) everywhere. */
export interface ScopedGrants {
  roleId: string;
  roleName: string;
  grants: Permission[];
  scope: AssignmentScope | null;
}

/**
 * Who is calling, resolved from storage (a session's principal reused for a few seconds until any change to the rows
 * behind it) so revocations and role edits apply at once.
 */
export interface Principal {
  sessionId: string;
  userId: string | null;
  username: string;
  displayName: string | null;
  emergency: boolean;
  /** A user who signs in through the identity provider (no password here). */
  singleSignOn?: boolean;
  assignments: ScopedGrants[];
  expiresAt: Date;
  /** Set when the caller presented a personal access token rather than a session's token (`sessionId` is then the token's id). */
  accessTokenId?: string;
  /** AUTH_MFA_REQUIRED applies and no second factor is enrolled yet: only the routes about the caller's own account answer. */
  mfaEnrolmentRequired?: boolean;
}

export interface ClientContext {
  ip: string | null;
  userAgent: string | null;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- Express types its request through this namespace.
  namespace Express {
    interface Request {
      /** Set by the auth guard on every route that is not public. */
      principal?: Principal;
    }
  }
}
