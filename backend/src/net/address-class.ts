import { AddressSet } from './address';

/** What kind of destination an address is; everything not listed below is `public`. */
export const ADDRESS_CLASSES = ['loopback', 'link-local', 'private', 'unspecified', 'multicast', 'reserved', 'public'] as const;
export type AddressClass = (typeof ADDRESS_CLASSES)[number];

/** Checked in order, the first match wins: `::` and `::1` before the rest of `::/96`. */
const RANGES: Array<[AddressClass, string[]]> = [
  ['unspecified', ['0.0.0.0/8', '::/128']],
  ['loopback', ['127.0.0.0/8', '::1/128']],
  // 100.64.0.0/10 is carrier-grade NAT: not on the internet either; fec0::/10 the deprecated site-local range
  ['private', ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', 'fc00::/7', 'fec0::/10']],
  ['link-local', ['169.254.0.0/16', 'fe80::/10']],
  ['multicast', ['224.0.0.0/4', 'ff00::/8']],
  // ::/96 is the deprecated IPv4-compatible form: no real destination, and a way to spell 127.0.0.1
  ['reserved', ['240.0.0.0/4', '::/96']],
];

const SETS = RANGES.map(([kind, ranges]) => ({ kind, set: new AddressSet(ranges) }));

/** The class of an IP address; an IPv6 address carrying an IPv4 one (mapped, NAT64) is classed as that IPv4 address. */
export function classifyAddress(address: string): AddressClass {
  return SETS.find(({ set }) => set.has(address))?.kind ?? 'public';
}
