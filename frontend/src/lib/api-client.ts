import { apiErrorSchema, type FieldError } from '@inspector/contracts';
import { z } from 'zod';
import { apiFetch, DEFAULT_ACCEPT } from './api-fetch';
import { takeEarlyGet } from './early-requests';

/** Every failed API call rejects with this, whatever went wrong, so screens handle one shape. */
export class ApiRequestError extends Error {
  override readonly name = 'ApiRequestError';

  constructor(
    /** The HTTP status; 0 when the API could not be reached at all. */
    readonly status: number,
    message: string,
    readonly fieldErrors: readonly FieldError[] = [],
    readonly requestId?: string,
  ) {
    super(message);
  }
}

type AuthHooks = {
  getAccessToken: () => string | null;
  onUnauthorized: () => void;
};

const anonymous: AuthHooks = { getAccessToken: () => null, onUnauthorized: () => {} };
let auth = anonymous;

/**
 * The one place that knows about sessions: the token goes on every request and a 401 is
 * reported here once instead of in each screen. Returns a function that undoes it, which
 * suits a React effect.
 */
export function configureApiAuth(hooks: Partial<AuthHooks>): () => void {
  const previous = auth;
  auth = { ...auth, ...hooks };
  return () => {
    auth = previous;
  };
}

type RequestOptions = {
  body?: unknown;
  signal?: AbortSignal;
  /** Non-2xx statuses whose body still follows `schema`, e.g. the health check's 503. */
  acceptStatuses?: readonly number[];
  /**
   * A 401 that means "wrong credentials", not "session over" (the login call): the caller handles it
   * and the session hook is not told.
   */
  ownsUnauthorized?: boolean;
};

export async function apiRequest<T>(
  method: string,
  path: string,
  schema: z.ZodType<T>,
  { body, signal, acceptStatuses = [], ownsUnauthorized = false }: RequestOptions = {},
): Promise<T> {
  const response = await send(method, path, body, signal);
  const payload = await readJson(response);

  if (response.status === 401 && !ownsUnauthorized) auth.onUnauthorized();

  if (response.ok || acceptStatuses.includes(response.status)) {
    const parsed = schema.safeParse(payload);
    if (parsed.success) return parsed.data;
    throw new ApiRequestError(response.status, `Unexpected response from ${method} ${path}`);
  }
  throw toRequestError(response, payload);
}

export const apiGet = <T>(path: string, schema: z.ZodType<T>, options?: Omit<RequestOptions, 'body'>) => apiRequest('GET', path, schema, options);

export const apiPost = <T>(path: string, schema: z.ZodType<T>, options?: RequestOptions) => apiRequest('POST', path, schema, options);

export const apiPatch = <T>(path: string, schema: z.ZodType<T>, options?: RequestOptions) => apiRequest('PATCH', path, schema, options);

export const apiPut = <T>(path: string, schema: z.ZodType<T>, options?: RequestOptions) => apiRequest('PUT', path, schema, options);

export const apiDelete = <T>(path: string, schema: z.ZodType<T>, options?: RequestOptions) => apiRequest('DELETE', path, schema, options);

/**
 * A request whose answer is read as it arrives (server-sent events): the open body, once the status says it succeeded.
 * A failure before the body (404, 429, a 401 that ends the session) throws exactly as `apiRequest` does.
 */
export async function apiStream(
  method: string,
  path: string,
  { body, signal, accept }: Omit<RequestOptions, 'acceptStatuses' | 'ownsUnauthorized'> & { accept: string },
) {
  const response = await send(method, path, body, signal, accept);
  if (response.status === 401) auth.onUnauthorized();
  if (!response.ok) throw toRequestError(response, await readJson(response));
  if (!response.body) throw new ApiRequestError(response.status, `Empty response from ${method} ${path}`);
  return response.body;
}

/** For 204 answers: an empty body reads as undefined. */
export const noContent: z.ZodType<void> = z.undefined();

async function send(method: string, path: string, body: unknown, signal: AbortSignal | undefined, accept = DEFAULT_ACCEPT) {
  const token = auth.getAccessToken();
  // The boot script may have asked this already, before the app's code had loaded.
  const early = method === 'GET' && accept === DEFAULT_ACCEPT ? takeEarlyGet(path, token) : undefined;
  try {
    return await (early ?? apiFetch(method, path, { body, signal, token, accept }));
  } catch (error) {
    // A cancelled query must stay an AbortError so TanStack Query recognises it.
    if (signal?.aborted) throw error;
    throw new ApiRequestError(0, 'Cannot reach the Inspector API');
  }
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    // A proxy or gateway answered with HTML or plain text; the status alone says what happened.
    return undefined;
  }
}

function toRequestError(response: Response, payload: unknown): ApiRequestError {
  const parsed = apiErrorSchema.safeParse(payload);
  if (!parsed.success) {
    const reason = [response.status, response.statusText].filter(Boolean).join(' ');
    return new ApiRequestError(response.status, `Request failed: ${reason}`);
  }
  const { message, errors = [], requestId } = parsed.data;
  return new ApiRequestError(response.status, message, errors, requestId);
}

/** `?a=1&b=x` from the defined, non-empty values; '' when there are none. */
export function queryString(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(name, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
