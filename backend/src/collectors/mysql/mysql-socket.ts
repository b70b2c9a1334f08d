import { Socket } from 'node:net';
import { type HostPolicy, NetFailure } from '../../net';

/** What the socket saw, for telling a MySQL server from some other service without quoting the other. */
export interface MysqlWireObservation {
  /** The first bytes the server sent cannot be a MySQL greeting. */
  notMysql: boolean;
}

/** Longest greeting we accept; a real one (version, salt, capabilities, plugin name) is about a hundred bytes. */
const MAX_GREETING = 1 << 12;
const PROTOCOL_V10 = 0x0a;
const ERROR_PACKET = 0xff;

/**
 * The socket mysql2 talks through (its `stream` option): connected by us, so a host name becomes an address only
 * through the policy-checked lookup and an IP literal (which node never looks up) is checked directly. The server
 * speaks first; a greeting that is not MySQL's protocol 10 (or an error packet, e.g. "host not allowed") is cut off
 * before mysql2 parses, and quotes, any of it.
 */
export function checkedMysqlSocket(hosts: HostPolicy, host: string, port: number, observed: MysqlWireObservation): Socket {
  const socket = new Socket();
  const problem = hosts.hostProblem(host);
  if (problem) {
    process.nextTick(() => socket.destroy(new NetFailure(problem)));
    return socket;
  }
  socket.setNoDelay(true);
  socket.setKeepAlive(true);
  socket.connect({ port, host, lookup: hosts.lookup });
  socket.once('data', (chunk: Buffer) => {
    if (looksLikeMysql(chunk)) return;
    observed.notMysql = true;
    socket.destroy();
  });
  return socket;
}

/** A MySQL packet: three-byte little-endian length, sequence number 0, then the protocol version or an error marker. */
function looksLikeMysql(chunk: Buffer): boolean {
  if (chunk.length < 5) return false;
  const length = chunk.readUIntLE(0, 3);
  return length > 0 && length <= MAX_GREETING && chunk[3] === 0 && (chunk[4] === PROTOCOL_V10 || chunk[4] === ERROR_PACKET);
}
