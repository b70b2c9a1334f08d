import type { ChannelTarget, ChannelTargetChange, SecretInput } from '@inspector/contracts';
import { channelDefinition } from '@inspector/contracts';
import type { HostPolicy } from '../net';

function urlHost(value: string): string | null {
  try {
    return new URL(value).hostname;
  } catch {
    return null;
  }
}

/**
 * The host a target sends to and the field that names it, when known before sending: not for a credential URL
 * given as an environment variable, nor for a type that sends nowhere.
 */
function destination(target: ChannelTarget | ChannelTargetChange): { path: string; host: string | null } | null {
  const { sendsTo, credential } = channelDefinition(target.type);
  if (!sendsTo) return null;
  const hostOf = (value: string) => (sendsTo.as === 'url' ? urlHost(value) : value);
  const value = (target as Record<string, unknown>)[sendsTo.field];
  if (sendsTo.field === credential?.name) {
    const secret = value as SecretInput | null | undefined;
    return secret && 'value' in secret ? { path: `target.${sendsTo.field}.value`, host: hostOf(secret.value) } : null;
  }
  return typeof value === 'string' ? { path: `target.${sendsTo.field}`, host: hostOf(value) } : null;
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
