import { lookup } from 'node:dns/promises';
import { type AddressClass, classifyAddress } from './address-class';
import { NetFailure } from './failure';
import { type AddressBytes, type AddressRange, addressBytes, inRange, parseRange } from './ip-address';

/** Destinations that are not the internet: refused by default unless an allow-list entry names them. */
export const INTERNAL_ADDRESS_CLASSES: readonly AddressClass[] = ['loopback', 'link-local', 'private', 'unspecified', 'multicast', 'reserved'];

const HOST_NAME = /^(?=.{1,253}$)[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*$/;

/** Where to connect: a checked address, and the name TLS must verify (null when the host was an address). */
export interface ResolvedHost {
  address: string;
  family: 4 | 6;
  servername: string | null;
}

/**
 * Lower case, no IPv6 brackets, no trailing dot, and the numeric spellings of an IPv4 address (`2130706433`,
 * `0x7f.1`) turned into the dotted form the resolver would have used anyway.
 */
export function canonicalHost(host: string): string {
  const bare = host.trim().toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
  if (addressBytes(bare) || bare.includes(':')) return bare;
  try {
    const parsed = new URL(`http://${bare}/`).hostname;
    return addressBytes(parsed) ? parsed : bare;
  } catch {
    return bare;
  }
}

/** Why an allow-list entry is unusable, or null: a host name, `*.suffix`, an address or a CIDR range. */
export function allowListEntryProblem(entry: string): string | null {
  if (entry.includes('/') || addressBytes(entry)) return parseRange(entry) ? null : `${entry} is not a valid address range`;
  const name = entry.startsWith('*.') ? entry.slice(2) : entry;
  return HOST_NAME.test(name.toLowerCase()) ? null : `${entry} is not a host name, *.suffix pattern, address or CIDR range`;
}

/**
 * Which hosts an outbound feature may connect to. Public addresses are always allowed; internal ones (loopback,
 * link-local such as cloud metadata, private, unspecified, multicast, reserved) only when the allow-list names the
 * host, a matching `*.suffix`, or a range holding the address. Names are checked again after DNS resolution, on
 * the address actually used: callers connect to `ResolvedHost.address`, never to the name, so a second lookup (DNS
 * rebinding) cannot change the destination.
 */
export class HostPolicy {
  readonly #names = new Set<string>();
  readonly #suffixes: string[] = [];
  readonly #ranges: AddressRange[] = [];

  /**
   * `setting` names the variable holding the allow-list, in messages. `refused` lets another feature keep its own
   * default (monitored databases, say, usually live on private addresses).
   */
  constructor(
    readonly setting: string,
    allowList: readonly string[],
    private readonly refused: readonly AddressClass[] = INTERNAL_ADDRESS_CLASSES,
  ) {
    for (const entry of allowList.map((item) => item.trim().toLowerCase())) {
      const problem = allowListEntryProblem(entry);
      if (problem) throw new Error(`${setting}: ${problem}`);
      const range = parseRange(entry);
      if (range) this.#ranges.push(range);
      else if (entry.startsWith('*.')) this.#suffixes.push(entry.slice(1));
      else this.#names.add(entry.replace(/\.$/, ''));
    }
  }

  /** For validating a setting: why a host written as an address may not be used, or null (names wait for DNS). */
  literalProblem(host: string): string | null {
    const canonical = canonicalHost(host);
    const bytes = addressBytes(canonical);
    if (!bytes || this.#allowed(canonical, bytes)) return null;
    return `is a ${classifyAddress(bytes)} address; allowed only when ${this.setting} lists it`;
  }

  /** The address to connect to; refuses with a fixed reason when no resolved address is allowed. */
  async resolve(host: string, signal?: AbortSignal): Promise<ResolvedHost> {
    const canonical = canonicalHost(host);
    const literal = addressBytes(canonical);
    const candidates = literal ? [{ address: canonical, family: literal.length === 4 ? 4 : 6 }] : await resolveName(canonical, signal);
    const usable = candidates.find(({ address }) => this.#allowed(canonical, addressBytes(address)!));
    if (!usable) throw new NetFailure(`refused by ${this.setting}`);
    return { address: usable.address, family: usable.family === 4 ? 4 : 6, servername: literal ? null : canonical };
  }

  #allowed(host: string, bytes: AddressBytes): boolean {
    if (!this.refused.includes(classifyAddress(bytes))) return true;
    if (this.#names.has(host) || this.#suffixes.some((suffix) => host.endsWith(suffix))) return true;
    return this.#ranges.some((range) => inRange(bytes, range));
  }
}

async function resolveName(name: string, signal?: AbortSignal): Promise<Array<{ address: string; family: number }>> {
  if (!HOST_NAME.test(name)) throw new NetFailure('host not found');
  const lookedUp = lookup(name, { all: true, order: 'ipv4first' }).catch(() => {
    throw new NetFailure('host not found');
  });
  if (!signal) return lookedUp;
  signal.throwIfAborted();
  let onAbort: () => void = () => undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  return Promise.race([lookedUp, aborted]).finally(() => signal.removeEventListener('abort', onAbort));
}
