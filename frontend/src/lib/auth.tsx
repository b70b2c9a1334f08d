import {
  meResponseSchema,
  passwordLoginResponseSchema,
  ssoLogoutResponseSchema,
  type LoginRequest,
  type LoginResponse,
  type MeResponse,
} from '@inspector/contracts';
import { queryOptions, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect, useLayoutEffect, useSyncExternalStore, type ReactNode } from 'react';
import { ApiRequestError, apiGet, apiPost, configureApiAuth } from './api-client';
import { ME_PATH, readToken, TOKEN_KEY } from './session-token';

/*
 * The session is one bearer token in localStorage (`session-token.ts`), shared by every tab of this origin: a link opened in a new tab
 * during an incident needs no new login, and logging out (or logging in as someone else) in one tab does the same in
 * all of them. No other origin can read it; it lasts until the token expires (`AUTH_JWT_EXPIRES_IN`). Who the user is
 * and what they may do come from the API (GET /auth/me), cached by TanStack Query under `meQueryKey`.
 */

/** Why the last session ended, for the login page to say so. */
export type SessionEnd = 'logout' | 'expired' | 'password-changed';

const listeners = new Set<() => void>();
let lastEnd: SessionEnd | null = null;
let changedElsewhere = false;

function notify() {
  for (const listener of listeners) listener();
}

/** Another tab logged in or out: this one follows (the storage event fires only in the other tabs). */
function onOtherTab(event: StorageEvent) {
  if (event.key !== TOKEN_KEY && event.key !== null) return;
  if (event.newValue === null) lastEnd = 'logout';
  // A logout needs no reset: the login page hides what was cached, and the next login clears it.
  else changedElsewhere = true;
  notify();
}

function subscribe(listener: () => void) {
  if (listeners.size === 0) window.addEventListener('storage', onOtherTab);
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) window.removeEventListener('storage', onOtherTab);
  };
}

function storeToken(token: string) {
  localStorage.setItem(TOKEN_KEY, token);
  lastEnd = null;
  notify();
}

/** Forgets the token; guarded pages notice and send the user to the login page. */
export function endSession(reason: SessionEnd) {
  if (readToken() === null) return;
  localStorage.removeItem(TOKEN_KEY);
  lastEnd = reason;
  notify();
}

export const meQueryKey = ['auth', 'me'] as const;

const getMe = (signal?: AbortSignal): Promise<MeResponse> => apiGet(ME_PATH, meResponseSchema, { signal });

export const meQueryOptions = (enabled: boolean) =>
  queryOptions({
    queryKey: meQueryKey,
    queryFn: ({ signal }) => getMe(signal),
    enabled,
    // Roles can change while someone is logged in; a few minutes' lag in the UI is fine, the API decides.
    staleTime: 5 * 60_000,
  });

export type SessionState =
  | { status: 'anonymous'; ended: SessionEnd | null }
  | { status: 'checking' }
  | { status: 'unavailable'; error: Error; retry: () => void; retrying: boolean }
  | { status: 'authenticated'; session: MeResponse };

const useToken = () => useSyncExternalStore(subscribe, readToken, () => null);

/** Where the session stands: a stored token is only trusted once GET /auth/me has accepted it. */
export function useSessionState(): SessionState {
  const token = useToken();
  const me = useQuery(meQueryOptions(token !== null));
  if (token === null) return { status: 'anonymous', ended: lastEnd };
  if (me.data) return { status: 'authenticated', session: me.data };
  // A 401 is being handled (the token is about to go); anything else leaves the session in place.
  if (me.error && !(me.error instanceof ApiRequestError && me.error.status === 401)) {
    return { status: 'unavailable', error: me.error, retry: () => void me.refetch(), retrying: me.isFetching };
  }
  return { status: 'checking' };
}

/** The logged-in user and their permissions; null outside a session. */
export function useSession(): MeResponse | null {
  const state = useSessionState();
  return state.status === 'authenticated' ? state.session : null;
}

/** Makes a login (or first-run setup) answer the current session; nothing cached for someone else survives. */
export function startSession(queryClient: QueryClient, response: LoginResponse) {
  queryClient.clear();
  queryClient.setQueryData<MeResponse>(meQueryKey, {
    user: response.user,
    permissions: response.permissions,
    expiresAt: response.expiresAt,
    mfaEnrolmentRequired: response.mfaEnrolmentRequired,
  });
  storeToken(response.accessToken);
}

const login = (body: LoginRequest) =>
  // A 401 here means wrong credentials, shown on the form, not "your session is over".
  apiPost('/auth/login', passwordLoginResponseSchema, { body, ownsUnauthorized: true });

/** A password login: a session, or (with a second factor) a challenge the login page answers with a code. */
export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: (response) => {
      if ('accessToken' in response) startSession(queryClient, response);
    },
  });
}

/**
 * Ends the session; after a single sign-on the API also names the provider's end-session page (RP-initiated
 * logout), and the browser goes there so the provider's session ends too.
 */
export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiPost('/auth/sso/logout', ssoLogoutResponseSchema, { ownsUnauthorized: true }),
    // The session ends here even when the API cannot be told: the user asked to leave.
    onSettled: (response) => {
      endSession('logout');
      queryClient.clear();
      if (response?.redirectTo) window.location.assign(response.redirectTo);
    },
  });
}

/** Longest delay setTimeout honours; a later expiry is left to the 401 it will cause. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Wires the API client to the session once: every request carries the token, and a 401 from any of
 * them (except those that own theirs, like the login) ends the session.
 */
/** A token is stored: requests made before GET /auth/me answers are made as someone (who may have been logged out). */
export function hasStoredSession(): boolean {
  return readToken() !== null;
}

/**
 * Asks GET /auth/me while the app boots, before React has rendered anything: every page waits on that answer, and
 * the first render takes a few hundred milliseconds on a slow machine. The provider configures the same hooks again.
 */
export function checkStoredSession(queryClient: QueryClient): void {
  if (readToken() === null) return;
  configureApiAuth({ getAccessToken: readToken, onUnauthorized: () => endSession('expired') });
  void queryClient.prefetchQuery(meQueryOptions(true));
}

export function AuthProvider({ children }: { children: ReactNode }) {
  // A layout effect runs before any query's first fetch (those start in passive effects).
  useLayoutEffect(() => configureApiAuth({ getAccessToken: readToken, onUnauthorized: () => endSession('expired') }), []);

  const token = useToken();
  const queryClient = useQueryClient();
  // Another tab logged in as someone else: what this tab cached belongs to the session that ended.
  useEffect(() => {
    if (!changedElsewhere) return;
    changedElsewhere = false;
    // Reset, not clear: the queries on screen keep their observers and load again for the new session.
    void queryClient.resetQueries();
  }, [token, queryClient]);
  const expiresAt = useQuery(meQueryOptions(token !== null)).data?.expiresAt;
  useEffect(() => {
    if (token === null || expiresAt === undefined) return;
    const delay = Date.parse(expiresAt) - Date.now();
    if (!(delay < MAX_TIMER_MS)) return;
    const timer = setTimeout(() => endSession('expired'), Math.max(delay, 0));
    return () => clearTimeout(timer);
  }, [token, expiresAt]);

  return children;
}

/**
 * Where to go after logging in: a path inside this app only. Anything else (another origin,
 * `//host`, the login page itself) falls back to the overview.
 */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (/^\/(login|setup)(?:[/?#]|$)/.test(next)) return '/';
  return next;
}

/** /login, with `next` pointing back at `location` unless that is the overview. */
export function loginPath(location?: { pathname: string; search: string; hash: string }): string {
  if (!location) return '/login';
  const here = `${location.pathname}${location.search}${location.hash}`;
  return here === '/' ? '/login' : `/login?next=${encodeURIComponent(here)}`;
}
