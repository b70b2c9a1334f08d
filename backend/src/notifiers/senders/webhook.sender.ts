import { createHmac } from 'node:crypto';
import type { WebhookSettings } from '@inspector/contracts';
import { headline } from '../notification';
import { postJson } from './http-post';
import { requireSecret, type OutgoingMessage, type Sender } from './sender';

export const SIGNATURE_HEADER = 'x-inspector-signature';
export const TIMESTAMP_HEADER = 'x-inspector-timestamp';
export const DELIVERY_HEADER = 'x-inspector-delivery';

/**
 * `sha256=<hex>` of HMAC-SHA256 over `<timestamp>.<raw body>`. The timestamp is signed with the body so a receiver
 * that rejects old timestamps cannot be fed a captured request again.
 */
export function webhookSignature(key: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', key).update(`${timestamp}.${body}`).digest('hex')}`;
}

export function webhookPayload(message: OutgoingMessage): object {
  return {
    deliveryId: message.deliveryId,
    kind: message.kind,
    createdAt: message.createdAt.toISOString(),
    summary: headline(message.events),
    events: message.events,
  };
}

/** Retries reuse the delivery id (receivers may deduplicate on it) with a fresh timestamp and signature. */
export const sendWebhook: Sender = async (message, target) => {
  const key = requireSecret(target);
  const body = JSON.stringify(webhookPayload(message));
  const timestamp = String(Math.floor(Date.now() / 1000));
  const headers = { [DELIVERY_HEADER]: message.deliveryId, [TIMESTAMP_HEADER]: timestamp, [SIGNATURE_HEADER]: webhookSignature(key.reveal(), timestamp, body) };
  await postJson((target.channel.settings as WebhookSettings).url, body, headers, target);
};
