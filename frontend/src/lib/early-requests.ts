import { apiFetch } from './api-fetch';

/**
 * GET requests the boot script starts before the app's code has loaded and run (a few hundred milliseconds on a slow
 * machine), handed to the API client: the app's first GET of the same path with the same token takes the answer
 * still on its way instead of asking again, and reads it (status, 401, unreachable API) as it reads any other.
 */
type EarlyRequest = { token: string; response: Promise<Response> };

const started = new Map<string, EarlyRequest>();

export function startEarlyGet(path: string, token: string): void {
  const response = apiFetch('GET', path, { token });
  // A failure is reported to whoever takes the answer; until then nobody waits on it, and it must not count as unhandled.
  response.catch(() => undefined);
  started.set(path, { token, response });
}

/** The answer to an early GET of `path`, once; none when it was asked with another token (another tab logged in). */
export function takeEarlyGet(path: string, token: string | null): Promise<Response> | undefined {
  const early = started.get(path);
  started.delete(path);
  return early?.token === token ? early.response : undefined;
}

/** Answers the app did not take while booting would be stale by the time anything asked again: they are dropped. */
export function forgetEarlyRequests(): void {
  started.clear();
}
