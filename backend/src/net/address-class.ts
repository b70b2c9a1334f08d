import { type AddressBytes, embeddedIpv4, inRange, parseRange } from './ip-address';

/** What kind of destination an address is; everything not listed below is `public`. */
export const ADDRESS_CLASSES = ['loopback', 'link-local', 'private', 'unspecified', 'multicast', 'reserved', 'public'] as const;
export type AddressClass = (typeof ADDRESS_CLASSES)[number];

/** Checked in order; the first match wins (`::` before the rest of `::/96`). */
const RANGES: Array<[AddressClass, string]> = [
  ['unspecified', '0.0.0.0/8'],
  ['loopback', '127.0.0.0/8'],
  ['private', '10.0.0.0/8'],
  ['private', '172.16.0.0/12'],
  ['private', '192.168.0.0/16'],
  // carrier-grade NAT: not on the internet either
  ['private', '100.64.0.0/10'],
  ['link-local', '169.254.0.0/16'],
  ['multicast', '224.0.0.0/4'],
  ['reserved', '240.0.0.0/4'],
  ['unspecified', '::/128'],
  ['loopback', '::1/128'],
  // the deprecated IPv4-compatible form: no real destination, and a way to spell 127.0.0.1
  ['reserved', '::/96'],
  ['link-local', 'fe80::/10'],
  // fc00::/7 unique local, and the deprecated site-local fec0::/10
  ['private', 'fc00::/7'],
  ['private', 'fec0::/10'],
  ['multicast', 'ff00::/8'],
];

const PARSED = RANGES.map(([kind, text]) => ({ kind, range: parseRange(text)! }));

/** The class of an address; an IPv6 address carrying an IPv4 one is classed as that IPv4 address. */
export function classifyAddress(bytes: AddressBytes): AddressClass {
  const effective = embeddedIpv4(bytes) ?? bytes;
  return PARSED.find(({ range }) => inRange(effective, range))?.kind ?? 'public';
}
