/**
 * The HTTP request behind every API call, shared by the API client and the boot script (which must ask exactly what
 * the client would, so that the client can take its answer). Free of schemas so the boot script stays small.
 */
export const DEFAULT_ACCEPT = 'application/json';

type FetchOptions = { body?: unknown; signal?: AbortSignal; token: string | null; accept?: string };

export function apiFetch(method: string, path: string, { body, signal, token, accept = DEFAULT_ACCEPT }: FetchOptions): Promise<Response> {
  const headers = new Headers({ Accept: accept });
  if (body !== undefined) headers.set('Content-Type', 'application/json');
  if (token) headers.set('Authorization', `Bearer ${token}`);
  return fetch(`/api${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    signal,
  });
}
