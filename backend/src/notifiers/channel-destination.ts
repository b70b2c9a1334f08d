import type { ChannelTarget, ChannelTargetChange } from '@inspector/contracts';
import type { HostPolicy } from '../net';

function urlHost(value: string): string | null {
  try {
    return new URL(value).hostname;
  } catch {
    return null;
  }
}

/** The host a target sends to and the field that names it, when known before sending (not for a referenced Slack URL). */
function destination(target: ChannelTarget | ChannelTargetChange): { path: string; host: string | null } | null {
  switch (target.type) {
    case 'webhook':
      return { path: 'target.url', host: urlHost(target.url) };
    case 'slack':
      return target.url && 'value' in target.url ? { path: 'target.url.value', host: urlHost(target.url.value) } : null;
    case 'email':
      return { path: 'target.host', host: target.host };
    case 'log':
      return null;
  }
}

/**
 * A target whose host is written as an internal address, refused when it is saved rather than at every send.
 * Names are only checked when sending, after resolution (DNS can change), where every target is checked again.
 */
export function destinationProblem(target: ChannelTarget | ChannelTargetChange, hosts: HostPolicy): { path: string; message: string } | null {
  const found = destination(target);
  const problem = found?.host ? hosts.hostProblem(found.host) : null;
  return found && problem ? { path: found.path, message: `host ${problem}` } : null;
}
