import type { Secret } from '../../crypto/secret';
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
}

/** A send that failed for a reason worth showing in the delivery log as is (the dispatcher still masks secrets). */
export class SendError extends Error {
  override readonly name = 'SendError';
}

export type Sender = (message: OutgoingMessage, target: SendTarget) => Promise<void>;

export function requireSecret(target: SendTarget): Secret {
  if (!target.secret) throw new SendError(`the ${target.channel.type} channel has no credential`);
  return target.secret;
}
