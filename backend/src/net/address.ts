import { BlockList, isIP } from 'node:net';

export type AddressFamily = 'ipv4' | 'ipv6';

export interface IpAddress {
  address: string;
  family: AddressFamily;
}

/** An IP address literal without IPv6 brackets or zone id, or null when `text` is not one (a host name, say). */
export function ipAddress(text: string): IpAddress | null {
  const address = text.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const family = isIP(address);
  return family === 0 ? null : { address, family: family === 4 ? 'ipv4' : 'ipv6' };
}

/** A host as written, compared case-insensitively: lower case, no IPv6 brackets, no trailing dot. */
export function bareHost(host: string): string {
  return host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');
}

/**
 * `bareHost`, and the numeric spellings of an IPv4 address (`2130706433`, `0x7f.1`) turned into the dotted form
 * the resolver would have used anyway.
 */
export function canonicalHost(host: string): string {
  const bare = bareHost(host);
  if (ipAddress(bare) || bare.includes(':')) return bare;
  try {
    const parsed = new URL(`http://${bare}/`).hostname;
    return ipAddress(parsed) ? parsed : bare;
  } catch {
    return bare;
  }
}

interface AddressRange extends IpAddress {
  prefix: number;
}

/** `address` or `address/prefix`, or null when it is neither. */
export function addressRange(text: string): AddressRange | null {
  const [address, prefixText, extra] = text.split('/');
  const ip = extra === undefined ? ipAddress(address) : null;
  if (!ip) return null;
  const max = ip.family === 'ipv4' ? 32 : 128;
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return null;
  const prefix = prefixText === undefined ? max : Number(prefixText);
  return prefix <= max ? { ...ip, prefix } : null;
}

/** IPv6 prefixes (96 bits) whose last 32 bits are an IPv4 address: IPv4-mapped, and NAT64's well-known prefix. */
const IPV4_CARRIERS = ['::ffff:', '64:ff9b::'];

/**
 * Addresses and CIDR ranges, in which an IPv6 address carrying an IPv4 one (`::ffff:127.0.0.1`, `64:ff9b::7f00:1`)
 * counts as that IPv4 address, so that an IPv4 rule cannot be bypassed by writing the destination in IPv6 form.
 * The families stay apart otherwise: an IPv6 range such as `::/0` never holds a plain IPv4 address.
 */
export class AddressSet {
  readonly #ipv4 = new BlockList();
  readonly #ipv6 = new BlockList();

  constructor(entries: readonly string[] = []) {
    for (const entry of entries) {
      if (!this.add(entry)) throw new RangeError(`${entry} is not an address or CIDR range`);
    }
  }

  /** Adds an address or CIDR range; false when `entry` is neither. */
  add(entry: string): boolean {
    const range = addressRange(entry);
    if (!range) return false;
    if (range.family === 'ipv6') {
      this.#ipv6.addSubnet(range.address, range.prefix, 'ipv6');
      return true;
    }
    this.#ipv4.addSubnet(range.address, range.prefix, 'ipv4');
    for (const carrier of IPV4_CARRIERS) this.#ipv6.addSubnet(`${carrier}${range.address}`, 96 + range.prefix, 'ipv6');
    return true;
  }

  has(address: string): boolean {
    const ip = ipAddress(address);
    if (!ip) return false;
    return (ip.family === 'ipv4' ? this.#ipv4 : this.#ipv6).check(ip.address, ip.family);
  }
}
