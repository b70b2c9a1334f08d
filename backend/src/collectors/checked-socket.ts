import { Socket } from 'node:net';
import { type HostPolicy, NetFailure } from '../net';

/** What the socket saw, for telling a PostgreSQL server from some other service without quoting the other. */
export interface WireObservation {
  /** The first bytes the server sent cannot be PostgreSQL's answer to what we sent. */
  notPostgres: boolean;
}

/** Longest first message we accept from a server (an authentication request or an error is far shorter). */
const MAX_FIRST_MESSAGE = 1 << 20;

/**
 * The socket node-postgres connects through. node-postgres calls `connect(port, host)`; here a host name
 * becomes an address only through the policy-checked lookup, an IP literal (which node never looks up) is
 * checked directly, and a Unix-socket path (node-postgres' one-argument form) is refused. The first reply is inspected so a service
 * that is not PostgreSQL is cut off before node-postgres parses (and quotes) any of it.
 */
export function checkedSocket(hosts: HostPolicy, sslRequested: boolean, observed: WireObservation): Socket {
  const socket = new Socket();
  const connect = socket.connect.bind(socket);
  const connectChecked = (port: unknown, host: unknown): Socket => {
    const problem = typeof port !== 'number' || typeof host !== 'string' || host === '' ? 'Unix-socket connections are not allowed' : hosts.hostProblem(host);
    if (problem) {
      process.nextTick(() => socket.destroy(new NetFailure(problem)));
      return socket;
    }
    return connect({ port: port as number, host: host as string, lookup: hosts.lookup });
  };
  Object.assign(socket, { connect: connectChecked });
  socket.once('data', (chunk: Buffer) => {
    if (looksLikePostgres(chunk, sslRequested)) return;
    observed.notPostgres = true;
    socket.destroy();
  });
  return socket;
}

/**
 * PostgreSQL answers an SSLRequest with the single byte `S` or `N`, and a startup message with an
 * authentication request (`R`), an error (`E`) or a protocol-version negotiation (`v`) of sane length.
 * Text banners (SSH, SMTP, HTTP replies) fail one of these tests on their first bytes.
 */
function looksLikePostgres(chunk: Buffer, sslRequested: boolean): boolean {
  if (sslRequested) return chunk.length === 1 && (chunk[0] === 0x53 || chunk[0] === 0x4e);
  if (![0x52, 0x45, 0x76].includes(chunk[0])) return false;
  if (chunk.length < 5) return true;
  const length = chunk.readUInt32BE(1);
  return length >= 4 && length <= MAX_FIRST_MESSAGE;
}
