/**
 * Where the monitored databases live: all on the server of --pg-url (--servers 1), or spread over S small clusters
 * this benchmark creates for the run and drops after it (fleet-clusters.sh), like a fleet of servers with a few
 * databases each.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fleet-clusters.sh');
/** Above the TLS test cluster's 5440 (backend/test/tls-cluster.sh). */
export const FIRST_FLEET_PORT = 5450;
/** Each fleet cluster's max_connections (fleet-clusters.sh), less this script's and PostgreSQL's own margin. */
export const FLEET_SERVER_ROOM = 60 - 3 - 5;

const run = promisify(execFile);

/** Creates and starts `count` clusters; resolves to their admin URLs, built from `baseUrl` with each port. */
export async function createFleetServers(count, baseUrl) {
  const { stdout } = await run('bash', [SCRIPT, 'create', String(count), String(FIRST_FLEET_PORT)], { maxBuffer: 1 << 20 });
  return stdout
    .trim()
    .split('\n')
    .map((port) => {
      const url = new URL(baseUrl);
      url.hostname = '127.0.0.1';
      url.port = port;
      url.pathname = '/postgres';
      return url.toString();
    });
}

export async function dropFleetServers() {
  await run('bash', [SCRIPT, 'drop']);
}

/** Instance i (0-based) lives on server i mod S: the servers hold N/S databases each, give or take one. */
export function serverOf(index, serverUrls) {
  return serverUrls[index % serverUrls.length];
}
