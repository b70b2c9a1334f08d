import { Injectable } from '@nestjs/common';
import { HostPolicy, LOCAL_SERVICE_REFUSALS } from '../net';
import type { HostPolicyRules } from '../net/host-policy';

/**
 * Where LLM requests may go. Self-hosted models (Ollama, LM Studio, vLLM) usually run on this host or the local
 * network, so loopback and private addresses are allowed as for monitored databases; hosted vendors are public.
 * Never: link-local addresses (cloud metadata services hand out credentials), "unspecified" and multicast ones.
 */
const ASSISTANT_HOSTS: HostPolicyRules = {
  setting: 'the assistant host policy',
  listRestricts: false,
  ...LOCAL_SERVICE_REFUSALS,
  namesOpenAddresses: false,
  numericIpv4IsAddress: true,
  everyAnswer: true,
  describe: (refusal) =>
    `host ${refusal.host} ${refusal.kind === 'address' && refusal.atConnect ? 'resolves to' : 'is'} a link-local, unspecified or multicast address ` +
    '(such as a cloud metadata service), never used for an LLM provider',
};

@Injectable()
export class ProviderHosts extends HostPolicy {
  constructor() {
    super(ASSISTANT_HOSTS, []);
  }
}
