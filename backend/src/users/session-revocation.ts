/**
 * Ends every session of a user (password changed, account disabled). Sessions belong to auth, which provides this,
 * so users can end them without importing auth.
 */
export abstract class SessionRevocation {
  abstract revokeAllOf(userId: string): Promise<void>;
}
