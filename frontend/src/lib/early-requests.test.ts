import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ApiRequestError, apiGet, configureApiAuth } from './api-client';
import { forgetEarlyRequests, startEarlyGet } from './early-requests';

const pong = z.object({ pong: z.boolean() });
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

function signedInAs(token: string) {
  const onUnauthorized = vi.fn();
  const undo = configureApiAuth({ getAccessToken: () => token, onUnauthorized });
  return { onUnauthorized, undo };
}

describe('early requests', () => {
  let undo = () => {};
  afterEach(() => {
    undo();
    forgetEarlyRequests();
  });

  it('answers the app’s first GET of the same path with the answer already on its way, asking once', async () => {
    const fetchMock = vi.fn(async () => json(200, { pong: true }));
    vi.stubGlobal('fetch', fetchMock);
    ({ undo } = signedInAs('t-1'));

    startEarlyGet('/ping', 't-1');
    expect(await apiGet('/ping', pong)).toEqual({ pong: true });
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(new Headers((fetchMock.mock.calls[0] as unknown as [string, RequestInit])[1].headers).get('Authorization')).toBe('Bearer t-1');

    // Taken once: the next read asks again.
    await apiGet('/ping', pong);
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });

  it('reports an early 401 as the end of the session, as any 401', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => json(401, { statusCode: 401, error: 'Unauthorized', message: 'Token expired' })),
    );
    const session = signedInAs('t-1');
    undo = session.undo;

    startEarlyGet('/ping', 't-1');
    await expect(apiGet('/ping', pong)).rejects.toMatchObject({ status: 401, message: 'Token expired' });
    expect(session.onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it('reports an unreachable API as any request does, and nothing goes unhandled meanwhile', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    );
    ({ undo } = signedInAs('t-1'));

    startEarlyGet('/ping', 't-1');
    await new Promise((resolve) => setTimeout(resolve, 0));
    const failure = await apiGet('/ping', pong).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiRequestError);
    expect(failure).toMatchObject({ status: 0, message: 'Cannot reach the Inspector API' });
  });

  it('asks again when the session changed since, or once the app has booted', async () => {
    const fetchMock = vi.fn(async () => json(200, { pong: true }));
    vi.stubGlobal('fetch', fetchMock);
    ({ undo } = signedInAs('t-2'));

    startEarlyGet('/ping', 't-1');
    await apiGet('/ping', pong);
    expect(fetchMock).toHaveBeenCalledTimes(2);

    startEarlyGet('/ping', 't-2');
    forgetEarlyRequests();
    await apiGet('/ping', pong);
    expect(fetchMock).toHaveBeenCalledTimes(4);
  });
});
