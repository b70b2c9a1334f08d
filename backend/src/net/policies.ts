import type { AddressClass } from './address-class';
import type { HostPolicyRules } from './host-policy';

/** Destinations that are not the internet. */
const INTERNAL_ADDRESS_CLASSES: readonly AddressClass[] = ['loopback', 'link-local', 'private', 'unspecified', 'multicast', 'reserved'];

/**
 * What every policy for services next to Inspector refuses (monitored databases, LLM providers, other replicas), unless
 * an allow-list names the address: link-local addresses (cloud metadata services hand out credentials to whoever
 * asks), "unspecified" ones (which reach this very host), multicast and broadcast ones, and the metadata services'
 * other addresses.
 */
export const LOCAL_SERVICE_REFUSALS: Pick<HostPolicyRules, 'refusedClasses' | 'refusedAddresses'> = {
  refusedClasses: ['link-local', 'unspecified', 'multicast'],
  refusedAddresses: ['255.255.255.255', '100.100.100.200', 'fd00:ec2::254'],
};

/**
 * Monitored databases. Inspector usually runs next to the databases it watches, so loopback and private addresses
 * are allowed; MONITOR_ALLOWED_HOSTS, when set, is the only hosts allowed. Never allowed unless the list names the
 * address itself: cloud metadata services, which answer on link-local addresses (169.254.169.254, fd00:ec2::254,
 * 100.100.100.200) and hand out credentials to whoever asks; "unspecified" addresses, which reach this very host;
 * multicast and broadcast, which reach no database. A name resolving to any refused address is refused.
 */
export const MONITORED_HOSTS: HostPolicyRules = {
  setting: 'MONITOR_ALLOWED_HOSTS',
  listRestricts: true,
  ...LOCAL_SERVICE_REFUSALS,
  namesOpenAddresses: false,
  // The driver hands the host to getaddrinfo as written: `0251.0376.0251.0376` is a name here, judged on its answers.
  numericIpv4IsAddress: false,
  everyAnswer: true,
  describe: (refusal) =>
    refusal.kind === 'unlisted'
      ? `host ${refusal.host} is not allowed by ${refusal.setting}`
      : `host ${refusal.host} ${refusal.atConnect ? 'resolves to' : 'is'} a link-local, unspecified or multicast address ` +
        `(such as a cloud metadata service), refused unless ${refusal.setting} lists that address`,
};

/**
 * Notifier channels (webhook, Slack, SMTP). Public hosts are always allowed; internal ones (loopback, link-local
 * such as cloud metadata, private, unspecified, multicast, reserved) only when NOTIFIER_ALLOWED_HOSTS names the
 * host, a matching `*.suffix`, or a range holding the address. Senders connect to the one checked address.
 */
export const NOTIFIER_HOSTS: HostPolicyRules = {
  setting: 'NOTIFIER_ALLOWED_HOSTS',
  listRestricts: false,
  refusedClasses: INTERNAL_ADDRESS_CLASSES,
  refusedAddresses: [],
  namesOpenAddresses: true,
  numericIpv4IsAddress: true,
  everyAnswer: false,
  // At send time one fixed reason: the delivery log is read by viewers, who need not learn what a name resolves to.
  describe: (refusal) =>
    refusal.kind === 'address' && !refusal.atConnect
      ? `is a ${refusal.addressClass} address; allowed only when ${refusal.setting} lists it`
      : `refused by ${refusal.setting}`,
};

/**
 * Replica forwarding: live views go to the holder's REPLICA_URL, read from storage, with the caller's bearer token.
 * Replicas usually share a private network, so loopback, private and public addresses are allowed; REPLICA_ALLOWED_HOSTS,
 * when set, is the only hosts allowed (a storage row pointed elsewhere then reaches nobody). Never allowed unless the
 * list names the address itself: link-local (cloud metadata services), unspecified addresses (which reach this very
 * host) and multicast or broadcast ones.
 */
export const REPLICA_HOSTS: HostPolicyRules = {
  setting: 'REPLICA_ALLOWED_HOSTS',
  listRestricts: true,
  ...LOCAL_SERVICE_REFUSALS,
  namesOpenAddresses: false,
  numericIpv4IsAddress: true,
  everyAnswer: true,
  describe: (refusal) =>
    refusal.kind === 'unlisted'
      ? `replica host ${refusal.host} is not allowed by ${refusal.setting}`
      : `replica host ${refusal.host} ${refusal.atConnect ? 'resolves to' : 'is'} a link-local, unspecified or multicast address, ` +
        `refused unless ${refusal.setting} lists that address`,
};
