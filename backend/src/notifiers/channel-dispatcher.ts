import { Injectable } from '@nestjs/common';
import { safeText } from '../audit/audit.service';
import { type Secret, SECRET_MASK } from '../crypto/secret';
import type { SecretOwner } from '../crypto/secret-cipher';
import { SecretsService } from '../secrets/secrets.service';
import type { NotifierChannelEntity } from './notifier-channel.entity';
import { type OutgoingMessage, SENDERS } from './senders';

const ERROR_MAX = 1000;
/** Beyond the channel's own timeout: a send that ignores its abort signal still cannot hold a channel longer. */
const HARD_STOP_GRACE_MS = 5_000;

export function channelSecretOwner(id: string): SecretOwner {
  return { table: 'notifier_channel', column: 'credential_secret', id };
}

export type SendOutcome = { ok: true } | { ok: false; error: string };

/** The forms a credential can take in an error: as is, URL-encoded, and for a URL (Slack's) its path, which holds the token. */
function credentialForms(value: string): string[] {
  const forms = [value, encodeURIComponent(value)];
  try {
    const url = new URL(value);
    if (url.pathname.length > 1) forms.push(url.pathname + url.search);
  } catch {
    // not a URL: the value itself is all there is to mask
  }
  return forms;
}

/** Error text with the channel's credential masked, safe for the delivery log and the logs. */
export function scrubError(text: string, secret: Secret | null): string {
  let clean = text;
  if (secret) for (const form of credentialForms(secret.reveal())) clean = clean.split(form).join(SECRET_MASK);
  return safeText(clean, ERROR_MAX) ?? '';
}

function withHardStop(work: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const stop = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`gave up after ${Math.round(ms / 1000)} s`)), ms);
  });
  return Promise.race([work, stop]).finally(() => clearTimeout(timer));
}

/** Sends one message through one channel and says how it went; never throws, never lets a secret into the answer. */
@Injectable()
export class ChannelDispatcher {
  constructor(private readonly secrets: SecretsService) {}

  async send(channel: NotifierChannelEntity, message: OutgoingMessage): Promise<SendOutcome> {
    let secret: Secret | null = null;
    try {
      secret = channel.credentialSecret === null ? null : this.secrets.resolve(channel.credentialSecret, channelSecretOwner(channel.id));
      const timeoutMs = channel.timeoutSeconds * 1000;
      await withHardStop(SENDERS[channel.type](message, { channel, secret, timeoutMs }), timeoutMs + HARD_STOP_GRACE_MS);
      return { ok: true };
    } catch (error) {
      return { ok: false, error: scrubError(error instanceof Error ? error.message : 'unexpected failure', secret) };
    }
  }
}
