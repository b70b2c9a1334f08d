import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The local PostgreSQL cluster with TLS that tls-cluster.sh creates: a certificate for `localhost` from `ca`. */
export interface TlsCluster {
  port: number;
  /** PEM of the CA that issued the server certificate. */
  ca: string;
  /** PEM of a CA that has nothing to do with the server. */
  otherCa: string;
}

/**
 * Creates and starts the TLS cluster when it is not running yet, so the README's test command alone works.
 * Answers why not instead when the machine lacks Debian's PostgreSQL cluster tools (CI has them).
 */
export function ensureTlsCluster(): TlsCluster | { unavailable: string } {
  let output: string;
  try {
    output = execFileSync('bash', [path.join(__dirname, 'tls-cluster.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const { status, stderr } = error as { status: number | null; stderr: string };
    if (status === 3) return { unavailable: stderr.trim() };
    throw new Error(`backend/test/tls-cluster.sh failed: ${stderr.trim()}`);
  }
  const [port, directory] = output.trim().split(' ');
  const pem = (file: string) => readFileSync(path.join(directory, file), 'utf8');
  return { port: Number(port), ca: pem('ca.crt'), otherCa: pem('other-ca.crt') };
}
