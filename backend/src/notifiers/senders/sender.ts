import type { Secret } from '../../crypto/secret';
import type { HostPolicy } from '../../net';
import type { PluginRuntimeService } from '../../plugins/plugin-runtime.service';
import type { NotificationEvent } from '../notification';
import type { NotifierChannelEntity } from '../notifier-channel.entity';

/** A message as every channel type receives it; `events` is empty for a test message. */
export interface OutgoingMessage {
  deliveryId: string;
  kind: 'findings' | 'test';
  createdAt: Date;
  events: NotificationEvent[];
}

export interface SendTarget {
  channel: NotifierChannelEntity;
  /** The channel's credential, revealed only at the moment it goes on the wire. */
  secret: Secret | null;
  timeoutMs: number;
  /** Where a sender may connect (NOTIFIER_ALLOWED_HOSTS); it connects only to the address this policy resolved. */
  hosts: HostPolicy;
  /** The plugin channel type delivers through a running plugin's notifier. */
  plugins: Pick<PluginRuntimeService, 'notify'>;
}

/**
 * A send that failed, with a reason from a fixed set of phrases (status codes and numbers at most): it is shown to
 * whoever reads the delivery log, so it never carries what the remote side answered, a URL or a credential.
 */
export class SendError extends Error {
  override readonly name = 'SendError';
}

export type Sender = (message: OutgoingMessage, target: SendTarget) => Promise<void>;

export function requireSecret(target: SendTarget): Secret {
  if (!target.secret) throw new SendError(`the ${target.channel.type} channel has no credential`);
  return target.secret;
}
