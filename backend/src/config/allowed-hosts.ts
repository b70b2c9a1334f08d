import { BlockList, isIP } from 'node:net';

/**
 * MONITOR_ALLOWED_HOSTS, compiled: exact host names, `*.suffix` patterns, IP addresses and CIDR ranges.
 * IP entries are compared as addresses, so `::1`, `[::1]` and `0:0:0:0:0:0:0:1` are one entry.
 */
export interface HostAllowList {
  /** True when the list is set, i.e. only listed hosts may be monitored. */
  readonly restricted: boolean;
  /** The host as written in a URL (a name or an IP literal) is listed. */
  listsHost(host: string): boolean;
  /** The address is listed as an IP address or falls in a listed range (names never list addresses). */
  listsAddress(address: string): boolean;
}

const NAME = /^[a-z0-9_-]+(\.[a-z0-9_-]+)*$/;

/** Why an entry cannot be part of the list, or null. Names the entry: it is the operator's own configuration. */
export function allowedHostEntryProblem(entry: string): string | null {
  const value = unbracket(entry.toLowerCase());
  if (isIP(value)) return null;
  const cidr = /^(.+)\/(\d{1,3})$/.exec(value);
  if (cidr) {
    const family = isIP(cidr[1]);
    const bits = Number(cidr[2]);
    return family !== 0 && bits <= (family === 4 ? 32 : 128) ? null : `"${entry}" is not a valid CIDR range`;
  }
  const name = value.startsWith('*.') ? value.slice(2) : value;
  return NAME.test(name) ? null : `"${entry}" is not a host name, *.suffix pattern, IP address or CIDR range`;
}

export function compileAllowList(entries: readonly string[]): HostAllowList {
  const names = new Set<string>();
  const suffixes: string[] = [];
  const addresses = new BlockList();
  for (const entry of entries) {
    const value = unbracket(entry.toLowerCase());
    const cidr = /^(.+)\/(\d{1,3})$/.exec(value);
    if (isIP(value)) addresses.addAddress(value, isIP(value) === 4 ? 'ipv4' : 'ipv6');
    else if (cidr && isIP(cidr[1])) addresses.addSubnet(cidr[1], Number(cidr[2]), isIP(cidr[1]) === 4 ? 'ipv4' : 'ipv6');
    else if (value.startsWith('*.')) suffixes.push(value.slice(1));
    else names.add(value);
  }
  const listsAddress = (address: string): boolean => isIP(address) !== 0 && addresses.check(address, isIP(address) === 4 ? 'ipv4' : 'ipv6');
  return {
    restricted: entries.length > 0,
    listsAddress,
    listsHost(host) {
      const value = unbracket(host.toLowerCase()).replace(/\.$/, '');
      if (isIP(value)) return listsAddress(value);
      return names.has(value) || suffixes.some((suffix) => value.endsWith(suffix));
    },
  };
}

function unbracket(value: string): string {
  return value.startsWith('[') && value.endsWith(']') ? value.slice(1, -1) : value;
}
