import type { ChannelTarget, ChannelTargetChange, EmailSettings, SecretDescription, SecretInput, WebhookSettings } from '@inspector/contracts';
import type { z } from 'zod';
import type { channelTargetViewSchema } from '@inspector/contracts';
import type { NotifierChannelEntity } from './notifier-channel.entity';

export type ChannelSettings = WebhookSettings | EmailSettings | Record<string, never>;
type ChannelTargetView = z.infer<typeof channelTargetViewSchema>;

/** What a channel row keeps of a target: its settings, and its credential (undefined: keep the stored one; null: none). */
export function splitTarget(target: ChannelTarget | ChannelTargetChange): { settings: ChannelSettings; credential: SecretInput | null | undefined } {
  switch (target.type) {
    case 'webhook':
      return { settings: { url: target.url }, credential: target.secret };
    case 'slack':
      return { settings: {}, credential: target.url };
    case 'email': {
      const { type: _type, password, ...settings } = target;
      return { settings, credential: password };
    }
    case 'log':
      return { settings: {}, credential: undefined };
  }
}

const MISSING: SecretDescription = { source: 'stored', set: false, error: 'not set' };

/** The target as the API shows it, with the credential described (null when the row has none). */
export function targetView(row: NotifierChannelEntity, credential: SecretDescription | null): ChannelTargetView {
  switch (row.type) {
    case 'webhook':
      return { type: 'webhook', url: (row.settings as WebhookSettings).url, secret: credential ?? MISSING };
    case 'slack':
      return { type: 'slack', url: credential ?? MISSING };
    case 'email':
      return { type: 'email', ...(row.settings as EmailSettings), password: credential };
    case 'log':
      return { type: 'log' };
  }
}
