import { lookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import type { HostAllowList } from '../config/allowed-hosts';
import { ConnectionConfigError } from './connection-config';

/**
 * Where a monitored database never is unless MONITOR_ALLOWED_HOSTS lists the address itself: cloud metadata
 * services answer on link-local addresses (169.254.169.254, fd00:ec2::254, 100.100.100.200) and hand out
 * credentials to whoever asks; "unspecified" addresses reach this very host; multicast and broadcast reach no
 * database. Loopback and private ranges stay allowed: Inspector usually runs next to the databases it watches.
 */
const REFUSED = new BlockList();
REFUSED.addSubnet('0.0.0.0', 8, 'ipv4');
REFUSED.addSubnet('169.254.0.0', 16, 'ipv4');
REFUSED.addSubnet('224.0.0.0', 4, 'ipv4');
REFUSED.addAddress('255.255.255.255', 'ipv4');
REFUSED.addAddress('100.100.100.200', 'ipv4');
REFUSED.addAddress('::', 'ipv6');
REFUSED.addSubnet('fe80::', 10, 'ipv6');
REFUSED.addSubnet('ff00::', 8, 'ipv6');
REFUSED.addAddress('fd00:ec2::254', 'ipv6');
// 169.254.0.0/16 behind a NAT64 gateway (IPv4-mapped forms are matched as IPv4 by BlockList itself).
REFUSED.addSubnet('64:ff9b::a9fe:0', 112, 'ipv6');

/** The host policy refused where a URL points. The message names the host (never the URL) and the rule. */
export class HostRefusedError extends ConnectionConfigError {}

/** Why `host` (as written in the URL: a name or an IP literal) may not be connected to, before any DNS lookup. */
export function hostProblem(host: string, allowList: HostAllowList): string | null {
  if (allowList.restricted && !allowList.listsHost(host)) return `host ${host} is not allowed by MONITOR_ALLOWED_HOSTS`;
  return isIP(host) ? addressProblem(host, host, allowList) : null;
}

/** Why an address `host` stands for (itself, or what DNS answered for it) may not be connected to. */
export function addressProblem(host: string, address: string, allowList: HostAllowList): string | null {
  const family = isIP(address);
  if (family === 0) return `host ${host} did not resolve to an IP address`;
  if (!REFUSED.check(address, family === 4 ? 'ipv4' : 'ipv6') || allowList.listsAddress(address)) return null;
  const what = host === address ? `host ${host} is` : `host ${host} resolves to`;
  return `${what} a link-local, unspecified or multicast address (such as a cloud metadata service), refused unless MONITOR_ALLOWED_HOSTS lists that address`;
}

/**
 * A DNS lookup for `net.connect` that hands the socket only addresses the policy accepts, and fails the
 * connection if any answer is refused: what was checked is exactly what gets connected to, so a second
 * lookup (DNS rebinding) cannot swap the address between check and connect.
 */
export function checkedLookup(allowList: HostAllowList): LookupFunction {
  return (hostname, options, callback) => {
    lookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const problem = addresses.length === 0 ? `host ${hostname} did not resolve` : addresses.map((entry) => addressProblem(hostname, entry.address, allowList)).find(Boolean);
      if (problem) return callback(new HostRefusedError(problem), '', 0);
      if (options.all) return callback(null, addresses);
      return callback(null, addresses[0].address, addresses[0].family);
    });
  };
}
