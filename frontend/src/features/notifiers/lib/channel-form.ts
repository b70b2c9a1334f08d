import {
  CHANNEL_DEFINITIONS,
  channelDefinition,
  createChannelSchema,
  updateChannelSchema,
  type Channel,
  type ChannelField,
  type ChannelType,
  type SecretDescription,
} from '@inspector/contracts';
import { zodFieldErrors, type FieldErrors } from '@/lib/form-errors';
import { secretDraft, secretInputOf, secretProblem, type SecretDraft } from '@/lib/secret-draft';
import type { CreateChannelInput } from '../api/create-channel';
import type { UpdateChannelInput } from '../api/update-channel';

export type ChannelDraft = {
  name: string;
  type: ChannelType;
  enabled: boolean;
  timeoutSeconds: string;
  maxMessages: string;
  intervalMinutes: string;
  /**
   * Every declared setting as typed, by name (see CHANNEL_DEFINITIONS). Shared across types, so switching the
   * type back and forth keeps what was typed.
   */
  settings: Record<string, string>;
  /** The type's one credential: webhook HMAC key, incoming-webhook URL, SMTP password. */
  secret: SecretDraft;
};

/** The error key of the credential, whatever the type names it. */
export const SECRET_FIELD = 'secret';

const INITIAL_SETTINGS: Record<string, string> = Object.fromEntries(
  CHANNEL_DEFINITIONS.flatMap((definition) => definition.fields.map((field: ChannelField) => [field.name, field.initial ?? ''])),
);

function typed(field: ChannelField, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (field.input === 'list' && Array.isArray(value)) return value.join(', ');
  return String(value);
}

function sent(field: ChannelField, raw: string): unknown {
  const text = field.input === 'select' ? raw : raw.trim();
  switch (field.input) {
    case 'number':
      return text === '' ? Number.NaN : Number(text);
    case 'list':
      return text.split(/[\s,;]+/).filter(Boolean);
    default:
      return field.emptyIsNull && text === '' ? null : text;
  }
}

/** The credential as the API describes it, or null when the type has none or this channel has none set. */
export function credentialOf(channel: Channel): SecretDescription | null {
  const name = channelDefinition(channel.target.type).credential?.name;
  return name === undefined ? null : ((channel.target as Record<string, unknown>)[name] as SecretDescription | null);
}

/** A new channel, or an existing one as it is (its credential kept unless changed). */
export function channelDraft(channel?: Channel): ChannelDraft {
  const type = channel?.target.type ?? CHANNEL_DEFINITIONS[0].type;
  const definition = channelDefinition(type);
  const target = (channel?.target ?? {}) as Record<string, unknown>;
  const settings = { ...INITIAL_SETTINGS };
  if (channel) for (const field of definition.fields) settings[field.name] = typed(field, target[field.name]);
  const keepsNone = channel !== undefined && definition.credential?.optional === true && credentialOf(channel) === null;
  return {
    name: channel?.name ?? '',
    type,
    enabled: channel?.enabled ?? true,
    timeoutSeconds: String(channel?.timeoutSeconds ?? 10),
    maxMessages: String(channel?.throttle.maxMessages ?? 10),
    intervalMinutes: String(channel?.throttle.intervalMinutes ?? 60),
    settings,
    secret: secretDraft(keepsNone ? 'none' : channel ? 'keep' : 'stored'),
  };
}

const numberOf = (raw: string) => (raw.trim() === '' ? Number.NaN : Number(raw));

function targetOf(draft: ChannelDraft, editing: boolean): Record<string, unknown> {
  const { fields, credential } = channelDefinition(draft.type);
  const target: Record<string, unknown> = { type: draft.type };
  for (const field of fields) target[field.name] = sent(field, draft.settings[field.name] ?? '');
  const secret = secretInputOf(draft.secret);
  // Left out: keep the stored credential. Null only removes an optional one, and only when editing.
  if (credential && secret !== undefined && (secret !== null || editing)) target[credential.name] = secret;
  return target;
}

/** Issue paths (the contract's or the API's) → the form field that shows them. */
export function channelFieldOf(type: ChannelType) {
  const credentialName = channelDefinition(type).credential?.name;
  return (path: string): string => {
    const [head, second] = path.split('.');
    if (head === 'throttle') return second ?? 'maxMessages';
    if (head !== 'target') return head ?? path;
    if (second === credentialName) return SECRET_FIELD;
    return second ?? 'type';
  };
}

export type ChannelPayload<T> = { body: T | null; errors: FieldErrors };

/** The POST (new) or PATCH (editing) body, checked with the contract's own schema first. */
export function channelPayload(draft: ChannelDraft, editing: false): ChannelPayload<CreateChannelInput>;
export function channelPayload(draft: ChannelDraft, editing: true): ChannelPayload<UpdateChannelInput>;
export function channelPayload(draft: ChannelDraft, editing: boolean): ChannelPayload<CreateChannelInput | UpdateChannelInput> {
  const body = {
    name: draft.name.trim(),
    enabled: draft.enabled,
    timeoutSeconds: numberOf(draft.timeoutSeconds),
    throttle: { maxMessages: numberOf(draft.maxMessages), intervalMinutes: numberOf(draft.intervalMinutes) },
    target: targetOf(draft, editing),
  };
  const parsed = (editing ? updateChannelSchema : createChannelSchema).safeParse(body);
  const errors = parsed.success ? {} : zodFieldErrors(parsed.error, channelFieldOf(draft.type));
  if (!body.name) errors.name = 'Enter a name';
  const label = channelDefinition(draft.type).credential?.label;
  const problem = label ? secretProblem(draft.secret, label) : null;
  if (problem) errors[SECRET_FIELD] = problem;
  return { body: Object.values(errors).some(Boolean) ? null : (body as CreateChannelInput), errors };
}
