import { Injectable, Logger } from '@nestjs/common';
import { safeText } from '../audit/audit.service';
import type { SecretOwner } from '../crypto/secret-cipher';
import { PluginRuntimeService } from '../plugins/plugin-runtime.service';
import { SecretsService, SecretUnavailableError } from '../secrets/secrets.service';
import type { NotifierChannelEntity } from './notifier-channel.entity';
import { NotifierHosts } from './notifier-hosts';
import { type OutgoingMessage, SENDERS } from './senders';
import { SendError } from './senders/sender';

const ERROR_MAX = 1000;
/** Beyond the channel's own timeout: a send that ignores its abort signal still cannot hold a channel longer. */
const HARD_STOP_GRACE_MS = 5_000;

export function channelSecretOwner(id: string): SecretOwner {
  return { table: 'notifier_channel', column: 'credential_secret', id };
}

export type SendOutcome = { ok: true } | { ok: false; error: string };

/**
 * What the test result and the delivery log may say about a failure: only our own phrases (a sender's fixed reason,
 * why the credential could not be read). Any other error could quote a URL, a credential or a remote answer.
 */
export function failureText(error: unknown): string {
  if (error instanceof SendError || error instanceof SecretUnavailableError) return safeText(error.message, ERROR_MAX) ?? '';
  return 'unexpected failure';
}

function withHardStop(work: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const stop = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new SendError(`gave up after ${Math.round(ms / 1000)} s`)), ms);
  });
  return Promise.race([work, stop]).finally(() => clearTimeout(timer));
}

/**
 * Sends one message through one channel and says how it went; never throws. The credential is handed to the
 * sender still wrapped: only the sender unwraps it, at the moment it goes on the wire.
 */
@Injectable()
export class ChannelDispatcher {
  private readonly logger = new Logger('Notifications');

  constructor(
    private readonly secrets: SecretsService,
    private readonly hosts: NotifierHosts,
    private readonly plugins: PluginRuntimeService,
  ) {}

  async send(channel: NotifierChannelEntity, message: OutgoingMessage): Promise<SendOutcome> {
    try {
      const secret = channel.credentialSecret === null ? null : this.secrets.resolve(channel.credentialSecret, channelSecretOwner(channel.id));
      const timeoutMs = channel.timeoutSeconds * 1000;
      await withHardStop(
        SENDERS[channel.type](message, { channel, secret, timeoutMs, hosts: this.hosts, plugins: this.plugins }),
        timeoutMs + HARD_STOP_GRACE_MS,
      );
      return { ok: true };
    } catch (error) {
      const text = failureText(error);
      // The error's own message stays out of the log too; its type is enough to look for the cause.
      if (text === 'unexpected failure')
        this.logger.warn({ channelId: channel.id, errorType: error instanceof Error ? error.name : typeof error }, 'Notification send failed unexpectedly');
      return { ok: false, error: text };
    }
  }
}
