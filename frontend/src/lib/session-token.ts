/**
 * Where the session's bearer token is kept (see `auth.tsx`), in a module of its own so that the boot script, which
 * runs before the app's code has loaded, reads it exactly as the app does.
 */
export const TOKEN_KEY = 'inspector.accessToken';

/** Who the token belongs to and what they may do: every page waits on this answer. */
export const ME_PATH = '/auth/me';

export function readToken(): string | null {
  try {
    return localStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}
