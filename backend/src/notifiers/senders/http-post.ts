import { APP_VERSION } from '../../version';
import { SendError } from './sender';

const ERROR_BODY_MAX = 200;

function describeFetchFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return `no answer within ${timeoutMs / 1000} s`;
  const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  if (cause?.message) return cause.message;
  return error instanceof Error ? error.message : 'request failed';
}

/**
 * POSTs JSON and succeeds on a 2xx answer only. Redirects are not followed: the receiver was chosen by whoever
 * configured the channel, and a redirect must not carry the findings (or a signed body) to another host.
 */
export async function postJson(url: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', 'user-agent': `Inspector/${APP_VERSION}`, ...headers },
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new SendError(describeFetchFailure(error, timeoutMs));
  }
  if (response.status >= 200 && response.status < 300) {
    await response.body?.cancel();
    return;
  }
  if (response.status >= 300 && response.status < 400) {
    await response.body?.cancel();
    throw new SendError(`answered ${response.status} (redirect); redirects are not followed`);
  }
  const text = await response.text().catch(() => '');
  throw new SendError(`answered HTTP ${response.status}${text ? `: ${text.slice(0, ERROR_BODY_MAX)}` : ''}`);
}
