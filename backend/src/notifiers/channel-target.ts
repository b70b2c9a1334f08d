import type { ChannelTarget, ChannelTargetChange, channelTargetViewSchema, SecretDescription, SecretInput } from '@inspector/contracts';
import { channelDefinition } from '@inspector/contracts';
import type { z } from 'zod';
import type { NotifierChannelEntity } from './notifier-channel.entity';

/** A type's non-secret settings as stored (see CHANNEL_DEFINITIONS); each sender reads its own type's shape. */
export type ChannelSettings = Record<string, string | number | boolean | string[] | null>;
type ChannelTargetView = z.infer<typeof channelTargetViewSchema>;

/** What a channel row keeps of a target: its settings, and its credential (undefined: keep the stored one; null: none). */
export function splitTarget(target: ChannelTarget | ChannelTargetChange): { settings: ChannelSettings; credential: SecretInput | null | undefined } {
  // Settings are plain JSON values (the contract checked them); the credential is the one field they exclude.
  const { type: _type, ...fields } = target as unknown as { type: string } & ChannelSettings;
  const name = channelDefinition(target.type).credential?.name;
  if (name === undefined) return { settings: fields, credential: undefined };
  const { [name]: credential, ...settings } = fields;
  return { settings, credential: credential as unknown as SecretInput | null | undefined };
}

const MISSING: SecretDescription = { source: 'stored', set: false, error: 'not set' };

/** The target as the API shows it, with the credential described (null when the row has none). */
export function targetView(row: NotifierChannelEntity, credential: SecretDescription | null): ChannelTargetView {
  const declared = channelDefinition(row.type).credential;
  const described = declared ? { [declared.name]: credential ?? (declared.optional ? null : MISSING) } : {};
  return { type: row.type, ...row.settings, ...described } as ChannelTargetView;
}
