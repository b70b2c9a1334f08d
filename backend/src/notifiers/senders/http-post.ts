import http from 'node:http';
import https from 'node:https';
import { INSPECTOR_USER_AGENT } from '../../config/version';
import { failureReason } from '../../net';
import { SendError, type SendTarget } from './sender';

/** Connects to the address the host policy checked, while Host and TLS verification still use the URL's name. */
async function post(url: URL, body: string, headers: Record<string, string>, target: SendTarget, signal: AbortSignal): Promise<number> {
  const destination = await target.hosts.resolve(url.hostname, signal);
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(
      {
        host: destination.address,
        family: destination.family,
        port: url.port === '' ? undefined : Number(url.port),
        path: `${url.pathname}${url.search}`,
        method: 'POST',
        headers: {
          host: url.host,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'user-agent': INSPECTOR_USER_AGENT,
          ...headers,
        },
        servername: destination.servername ?? undefined,
        agent: false,
        signal,
      },
      (response) => {
        resolve(response.statusCode ?? 0);
        // The body is never read: nothing the receiver says may reach the delivery log.
        response.destroy();
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

/**
 * POSTs JSON and succeeds on a 2xx answer only. Redirects are not followed: the receiver was chosen by whoever
 * configured the channel, and a redirect must not carry the findings (or a signed body) to another host.
 */
export async function postJson(url: string, body: string, headers: Record<string, string>, target: SendTarget): Promise<void> {
  let status: number;
  try {
    status = await post(new URL(url), body, headers, target, AbortSignal.timeout(target.timeoutMs));
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const fallback = typeof code === 'string' && code.startsWith('HPE_') ? 'not an HTTP server' : 'request failed';
    throw new SendError(failureReason(error, target.timeoutMs, fallback));
  }
  if (status >= 300 && status < 400) throw new SendError(`answered HTTP ${status} (redirect); redirects are not followed`);
  if (status < 200 || status >= 300) throw new SendError(`answered HTTP ${status}`);
}
