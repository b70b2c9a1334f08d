import { AddressSet, addressRange, bareHost, ipAddress } from './address';

/** A DNS name: letters, digits, `_` and inner `-` in labels of at most 63 characters, 253 in all. */
export const HOST_NAME = /^(?=.{1,253}$)[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*$/;

/** Why an allow-list entry is unusable, or null: a host name, `*.suffix`, an address or a CIDR range. */
export function allowListEntryProblem(entry: string): string | null {
  if (entry.includes('/') || ipAddress(entry)) return addressRange(entry) ? null : `${entry} is not a valid address range`;
  const name = entry.startsWith('*.') ? entry.slice(2) : entry;
  return HOST_NAME.test(name.toLowerCase()) ? null : `${entry} is not a host name, *.suffix pattern, address or CIDR range`;
}

/**
 * An allow-list setting, compiled: exact host names, `*.suffix` patterns, addresses and CIDR ranges. Addresses are
 * compared as addresses, so `::1`, `[::1]` and `0:0:0:0:0:0:0:1` are one entry, and `::ffff:10.0.0.1` is 10.0.0.1.
 */
export class AllowList {
  readonly #names = new Set<string>();
  readonly #suffixes: string[] = [];
  readonly #addresses = new AddressSet();
  readonly empty: boolean;

  /** `setting` names the variable holding the list, in the message for an entry it cannot read. */
  constructor(setting: string, entries: readonly string[]) {
    this.empty = entries.length === 0;
    for (const entry of entries.map((item) => item.trim().toLowerCase())) {
      const problem = allowListEntryProblem(entry);
      if (problem) throw new Error(`${setting}: ${problem}`);
      if (this.#addresses.add(entry)) continue;
      if (entry.startsWith('*.')) this.#suffixes.push(entry.slice(1));
      else this.#names.add(entry);
    }
  }

  /** The host as written (a name or an address literal) is listed; an address only through address and range entries. */
  listsHost(host: string): boolean {
    const bare = bareHost(host);
    if (ipAddress(bare)) return this.listsAddress(bare);
    return this.#names.has(bare) || this.#suffixes.some((suffix) => bare.endsWith(suffix));
  }

  /** The address is listed or falls in a listed range (names never list addresses). */
  listsAddress(address: string): boolean {
    return this.#addresses.has(address);
  }
}
