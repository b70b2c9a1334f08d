import { lookup as lookupCallback, type LookupAddress } from 'node:dns';
import { lookup } from 'node:dns/promises';
import type { LookupFunction } from 'node:net';
import { AddressSet, bareHost, canonicalHost, ipAddress } from './address';
import { type AddressClass, classifyAddress } from './address-class';
import { AllowList, HOST_NAME } from './allow-list';
import { NetFailure } from './failure';

/** Why a host was refused, for the policy's own wording. `host` is the host as the caller gave it. */
export type HostRefusal =
  | { kind: 'unlisted'; host: string; setting: string }
  /** `atConnect`: found while connecting (a DNS answer, or the address `resolve` was given), not when checking a setting. */
  | { kind: 'address'; host: string; setting: string; addressClass: AddressClass; atConnect: boolean };

/** What distinguishes one outbound feature's policy from another's; see `policies.ts`. */
export interface HostPolicyRules {
  /** The variable holding the allow-list, named in messages. */
  setting: string;
  /** A set list names the only hosts allowed (true), or it only opens refused addresses (false). */
  listRestricts: boolean;
  /** Addresses refused unless the list opens them: whole classes, and single addresses or ranges of any class. */
  refusedClasses: readonly AddressClass[];
  refusedAddresses: readonly string[];
  /** A listed name or `*.suffix` opens the refused addresses it resolves to, not only a listed address or range. */
  namesOpenAddresses: boolean;
  /** Numeric IPv4 spellings (`2130706433`, `0x7f.1`) are judged as that address before DNS, not as names. */
  numericIpv4IsAddress: boolean;
  /** One refused DNS answer refuses the name (true), or refused answers are skipped and an allowed one used (false). */
  everyAnswer: boolean;
  describe(refusal: HostRefusal): string;
}

/** Where to connect: a checked address, and the name TLS must verify (null when the host was an address). */
export interface ResolvedHost {
  address: string;
  family: 4 | 6;
  servername: string | null;
}

interface Answer {
  address: string;
  family: number;
}

/**
 * Which hosts an outbound feature may connect to: `rules` with the operator's allow-list. A host written as an
 * address is judged before anything is sent (`hostProblem`); a name is judged again after DNS, on the addresses
 * actually used: callers connect to `resolve()`'s address, or let `net.connect` use `lookup`, never a second
 * resolution of the name, so DNS rebinding cannot change the destination between check and connect.
 */
export class HostPolicy {
  readonly #list: AllowList;
  readonly #refusedAddresses: AddressSet;

  constructor(
    private readonly rules: HostPolicyRules,
    allowList: readonly string[],
  ) {
    this.#list = new AllowList(rules.setting, allowList);
    this.#refusedAddresses = new AddressSet(rules.refusedAddresses);
  }

  /** Why `host` (a name or an address literal) may not be used, judged before DNS: names wait for `resolve`/`lookup`. */
  hostProblem(host: string): string | null {
    const judged = this.#judged(host);
    if (this.#unlisted(judged)) return this.rules.describe({ kind: 'unlisted', host, setting: this.rules.setting });
    const ip = ipAddress(judged);
    return ip && !this.#allowed(judged, ip.address) ? this.#addressRefusal(host, ip.address, false) : null;
  }

  /** The address to connect to; throws a `NetFailure` with a fixed reason when the host or every answer is refused. */
  async resolve(host: string, signal?: AbortSignal): Promise<ResolvedHost> {
    const judged = this.#judged(host);
    if (this.#unlisted(judged)) throw new NetFailure(this.rules.describe({ kind: 'unlisted', host, setting: this.rules.setting }));
    const ip = ipAddress(judged);
    const answers = ip ? [{ address: judged, family: ip.family === 'ipv4' ? 4 : 6 }] : await resolveName(judged, signal);
    const [usable] = this.#usable(judged, answers);
    return { address: usable.address, family: usable.family === 4 ? 4 : 6, servername: ip ? null : judged };
  }

  /** For `net.connect({ lookup })`: hands the socket only answers the policy accepts, refusing with a `NetFailure`. */
  readonly lookup: LookupFunction = (hostname, options, callback) => {
    lookupCallback(hostname, { ...options, all: true }, (error, answers: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      let usable: Answer[];
      try {
        usable = this.#usable(hostname, answers);
      } catch (refusal) {
        return callback(refusal as NetFailure, '', 0);
      }
      if (options.all) return callback(null, usable as LookupAddress[]);
      return callback(null, usable[0].address, usable[0].family);
    });
  };

  #judged(host: string): string {
    return this.rules.numericIpv4IsAddress ? canonicalHost(host) : bareHost(host);
  }

  #unlisted(host: string): boolean {
    return this.rules.listRestricts && !this.#list.empty && !this.#list.listsHost(host);
  }

  #allowed(host: string, address: string): boolean {
    const refused = this.rules.refusedClasses.includes(classifyAddress(address)) || this.#refusedAddresses.has(address);
    if (!refused || this.#list.listsAddress(address)) return true;
    return this.rules.namesOpenAddresses && this.#list.listsHost(host);
  }

  #usable(host: string, answers: Answer[]): Answer[] {
    const usable = answers.filter(({ address }) => this.#allowed(host, address));
    const refused = answers.find((answer) => !usable.includes(answer));
    if (refused && (usable.length === 0 || this.rules.everyAnswer)) throw new NetFailure(this.#addressRefusal(host, refused.address, true));
    if (usable.length === 0) throw new NetFailure('host not found');
    return usable;
  }

  #addressRefusal(host: string, address: string, atConnect: boolean): string {
    return this.rules.describe({ kind: 'address', host, setting: this.rules.setting, addressClass: classifyAddress(address), atConnect });
  }
}

async function resolveName(name: string, signal?: AbortSignal): Promise<Answer[]> {
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
