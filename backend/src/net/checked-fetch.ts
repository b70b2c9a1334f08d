import http from 'node:http';
import https from 'node:https';
import { Readable } from 'node:stream';
import type { HostPolicy } from './host-policy';

/** The other end gave no answer (or stopped streaming one) within the timeout. */
export class FetchTimeoutError extends Error {
  override readonly name = 'FetchTimeoutError';
}

function bodyOf(body: RequestInit['body']): string | Buffer {
  if (body === undefined || body === null) return '';
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return Buffer.from(body);
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  throw new TypeError('unsupported request body');
}

function headersOf(message: http.IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(message.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
}

/**
 * A `fetch` for outbound HTTP under a host policy (the LLM SDKs', replica forwarding): it connects only to an address
 * the policy accepted (checked after DNS, so rebinding cannot change it), follows no redirect (a key or a bearer token
 * must not be carried to another host), and gives up after `timeoutMs` without a complete answer, streamed bodies
 * included. `userAgent` names the caller to the other end.
 */
export function checkedFetch(hosts: HostPolicy, timeoutMs: number, userAgent: string): typeof fetch {
  return async (input, init = {}) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const timer = AbortSignal.timeout(timeoutMs);
    const signal = init.signal ? AbortSignal.any([init.signal, timer]) : timer;
    const timedOut = () => new FetchTimeoutError(`no answer within ${Math.round(timeoutMs / 1000)} s`);
    const destination = await hosts.resolve(url.hostname, signal).catch((error: unknown) => {
      throw timer.aborted ? timedOut() : error;
    });
    const body = bodyOf(init.body);
    const headers = Object.fromEntries(new Headers(init.headers).entries());
    const client = url.protocol === 'https:' ? https : http;
    return new Promise<Response>((resolve, reject) => {
      const request = client.request(
        {
          host: destination.address,
          family: destination.family,
          port: url.port === '' ? undefined : Number(url.port),
          path: `${url.pathname}${url.search}`,
          method: init.method ?? 'GET',
          headers: { ...headers, host: url.host, 'user-agent': userAgent, 'content-length': String(Buffer.byteLength(body)) },
          servername: destination.servername ?? undefined,
          agent: false,
          signal,
        },
        (response) => {
          const status = response.statusCode ?? 502;
          // A Response may not carry a body for these; the socket is drained all the same.
          const empty = status === 204 || status === 304 || init.method === 'HEAD';
          if (empty) response.resume();
          const stream = empty ? null : (Readable.toWeb(response) as ReadableStream<Uint8Array>);
          resolve(new Response(stream, { status, statusText: response.statusMessage, headers: headersOf(response) }));
        },
      );
      request.on('error', (error) => reject(timer.aborted ? timedOut() : error));
      request.end(body);
    });
  };
}
