import type { ApiError } from '@inspector/contracts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { jsonResponse } from '@/testing/render-app';
import { ApiRequestError, apiGet, apiPost, apiStream, configureApiAuth } from './api-client';

const itemSchema = z.object({ id: z.string() });

/** Runs `call` and returns what it rejected with, failing the test if it resolved. */
async function rejection(call: Promise<unknown>): Promise<ApiRequestError> {
  const error: unknown = await call.then(
    () => expect.fail('expected the request to fail'),
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ApiRequestError);
  return error as ApiRequestError;
}

describe('api client', () => {
  let undoAuth = () => {};
  afterEach(() => undoAuth());

  it('sends JSON to /api and returns the parsed answer', async () => {
    const fetchMock = vi.fn(async () => jsonResponse(201, { id: 'abc', extra: true }));
    vi.stubGlobal('fetch', fetchMock);

    await expect(apiPost('/items', itemSchema, { body: { name: 'x' } })).resolves.toEqual({ id: 'abc' });

    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/items');
    expect(init.body).toBe('{"name":"x"}');
    expect(new Headers(init.headers).get('Content-Type')).toBe('application/json');
  });

  it('turns an error body into an ApiRequestError with its field errors', async () => {
    const body: ApiError = {
      statusCode: 400,
      error: 'Bad Request',
      message: 'Validation failed',
      requestId: 'req-7',
      errors: [{ path: 'port', message: 'Expected a number' }],
    };
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => jsonResponse(400, body)),
    );

    const error = await rejection(apiPost('/items', itemSchema, { body: { port: 'x' } }));

    expect(error.status).toBe(400);
    expect(error.message).toBe('Validation failed');
    expect(error.requestId).toBe('req-7');
    expect(error.fieldErrors).toEqual([{ path: 'port', message: 'Expected a number' }]);
  });

  it('describes an error answer that is not JSON by its status', async () => {
    const gateway = new Response('<html>Bad Gateway</html>', { status: 502, statusText: 'Bad Gateway' });
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => gateway),
    );

    const error = await rejection(apiGet('/items', itemSchema));

    expect(error.status).toBe(502);
    expect(error.message).toBe('Request failed: 502 Bad Gateway');
  });

  it('rejects a success answer that breaks the contract', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => jsonResponse(200, { id: 42 })),
    );

    const error = await rejection(apiGet('/items', itemSchema));

    expect(error.message).toBe('Unexpected response from GET /items');
  });

  it('reports an unreachable API as status 0', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))),
    );

    const error = await rejection(apiGet('/items', itemSchema));

    expect(error.status).toBe(0);
    expect(error.message).toBe('Cannot reach the Inspector API');
  });

  it('attaches the access token and reports a 401 to the unauthorized hook once', async () => {
    const onUnauthorized = vi.fn();
    undoAuth = configureApiAuth({ getAccessToken: () => 'token-1', onUnauthorized });
    const fetchMock = vi.fn(async () => jsonResponse(401, { statusCode: 401, error: 'Unauthorized', message: 'Session expired' }));
    vi.stubGlobal('fetch', fetchMock);

    const error = await rejection(apiGet('/items', itemSchema));

    expect(error.status).toBe(401);
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    const [, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(new Headers(init.headers).get('Authorization')).toBe('Bearer token-1');
  });

  it('opens a stream with the same token, and a 401 before it ends the session as any request does', async () => {
    const onUnauthorized = vi.fn();
    undoAuth = configureApiAuth({ getAccessToken: () => 'token-1', onUnauthorized });
    const fetchMock = vi
      .fn()
      .mockResolvedValueOnce(new Response('event: done\ndata: {}\n\n', { status: 200, headers: { 'Content-Type': 'text/event-stream' } }))
      .mockResolvedValueOnce(jsonResponse(401, { statusCode: 401, error: 'Unauthorized', message: 'Session expired' }));
    vi.stubGlobal('fetch', fetchMock);

    const body = await apiStream('POST', '/ask', { body: { q: 1 }, accept: 'text/event-stream' });
    expect(await new Response(body).text()).toBe('event: done\ndata: {}\n\n');
    const [, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(new Headers(init.headers).get('Accept')).toBe('text/event-stream');
    expect(new Headers(init.headers).get('Authorization')).toBe('Bearer token-1');

    const error = await rejection(apiStream('POST', '/ask', { body: { q: 1 }, accept: 'text/event-stream' }));
    expect(error.message).toBe('Session expired');
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });
});
