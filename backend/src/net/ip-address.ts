import { isIP } from 'node:net';

/** An address as bytes (4 for IPv4, 16 for IPv6), so ranges of both families compare the same way. */
export type AddressBytes = Uint8Array;

function ipv4Bytes(text: string): AddressBytes {
  return Uint8Array.from(text.split('.').map(Number));
}

function ipv6Bytes(text: string): AddressBytes {
  // A dotted IPv4 tail (`::ffff:127.0.0.1`) becomes its two hex groups, so one parser handles every form.
  const hex = text.toLowerCase().replace(/(\d+)\.(\d+)\.(\d+)\.(\d+)$/, (_, a: string, b: string, c: string, d: string) =>
    [((Number(a) << 8) | Number(b)).toString(16), ((Number(c) << 8) | Number(d)).toString(16)].join(':'),
  );
  const [head, tail] = hex.split('::');
  const groups = (part: string | undefined) => (part ? part.split(':') : []);
  const left = groups(head);
  const right = groups(tail);
  const zeros = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  const words = [...left, ...zeros, ...right].map((group) => parseInt(group, 16));
  return Uint8Array.from(words.flatMap((word) => [word >> 8, word & 0xff]));
}

/** The bytes of an IP address literal (IPv6 brackets and zone ids ignored), or null when it is not one. */
export function addressBytes(text: string): AddressBytes | null {
  const bare = text.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const family = isIP(bare);
  if (family === 4) return ipv4Bytes(bare);
  if (family === 6) return ipv6Bytes(bare);
  return null;
}

/**
 * The IPv4 address an IPv6 one carries (mapped `::ffff:a.b.c.d`, NAT64 `64:ff9b::/96`), so that an IPv4 policy
 * cannot be bypassed by writing the same destination in IPv6 form.
 */
export function embeddedIpv4(bytes: AddressBytes): AddressBytes | null {
  if (bytes.length !== 16) return null;
  const prefix = bytes.subarray(0, 12);
  const mapped = prefix.every((byte, index) => byte === (index >= 10 ? 0xff : 0));
  const nat64 = [0, 0x64, 0xff, 0x9b].every((byte, index) => prefix[index] === byte) && prefix.subarray(4).every((byte) => byte === 0);
  return mapped || nat64 ? bytes.slice(12) : null;
}

/** A network written as `address/prefix` (or a single address), matched on bytes. */
export interface AddressRange {
  bytes: AddressBytes;
  prefix: number;
}

export function parseRange(text: string): AddressRange | null {
  const [address, prefixText, extra] = text.split('/');
  const bytes = extra === undefined ? addressBytes(address) : null;
  if (!bytes) return null;
  const max = bytes.length * 8;
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return null;
  const prefix = prefixText === undefined ? max : Number(prefixText);
  return prefix <= max ? { bytes, prefix } : null;
}

export function inRange(bytes: AddressBytes, range: AddressRange): boolean {
  if (bytes.length !== range.bytes.length) return false;
  for (let bit = 0; bit < range.prefix; bit += 8) {
    const mask = range.prefix - bit >= 8 ? 0xff : (0xff << (8 - (range.prefix - bit))) & 0xff;
    if ((bytes[bit / 8] & mask) !== (range.bytes[bit / 8] & mask)) return false;
  }
  return true;
}
