/**
 * The dashboard users' HTTP client: one keep-alive connection per user, node's `http` without `fetch`. It shares the
 * app's 2-core machine, so it should take as little CPU as it can: `fetch` (undici) took ~35 % of one core at 700
 * requests/s, time the app's event loop then waited for.
 */
import http from 'node:http';

const TIMEOUT_MS = 30_000;

export class HttpReader {
  /** `connections`: how many requests may be in flight at once (one per user). */
  constructor(connections) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  }

  /** Reads `url` to its last byte: { status, ok, bytes, body } with the body kept only for an error status, or throws. */
  get(url, headers) {
    return new Promise((resolve, reject) => {
      const request = http.get(url, { agent: this.agent, headers, timeout: TIMEOUT_MS }, (response) => {
        const ok = response.statusCode >= 200 && response.statusCode < 300;
        const chunks = [];
        let bytes = 0;
        response.on('data', (chunk) => {
          bytes += chunk.length;
          if (!ok) chunks.push(chunk);
        });
        response.on('end', () => resolve({ status: response.statusCode, ok, bytes, body: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
      });
      request.on('timeout', () => request.destroy(new Error(`no answer within ${TIMEOUT_MS / 1000} s`)));
      request.on('error', reject);
    });
  }

  close() {
    this.agent.destroy();
  }
}
