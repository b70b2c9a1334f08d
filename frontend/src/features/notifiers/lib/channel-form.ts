import { createChannelSchema, updateChannelSchema, type Channel, type ChannelType } from '@inspector/contracts';
import { zodFieldErrors, type FieldErrors } from '@/lib/form-errors';
import { secretDraft, secretInputOf, secretProblem, type SecretDraft } from '@/lib/secret-draft';
import type { CreateChannelInput } from '../api/create-channel';
import type { UpdateChannelInput } from '../api/update-channel';

export type EmailTls = 'implicit' | 'starttls' | 'none';

export type ChannelDraft = {
  name: string;
  type: ChannelType;
  enabled: boolean;
  timeoutSeconds: string;
  maxMessages: string;
  intervalMinutes: string;
  /** The webhook's URL (not a secret: its HMAC key is). */
  url: string;
  /** The type's one credential: webhook HMAC key, Slack webhook URL, SMTP password. */
  secret: SecretDraft;
  host: string;
  port: string;
  tls: EmailTls;
  username: string;
  from: string;
  /** Recipients, separated by commas, spaces or new lines. */
  to: string;
};

/** What the credential is called for each type, for labels and messages. */
export const SECRET_LABELS: Record<ChannelType, string | null> = {
  webhook: 'signing secret',
  slack: 'Slack webhook URL',
  email: 'SMTP password',
  log: null,
};

/** A new channel, or an existing one as it is (its credential kept unless changed). */
export function channelDraft(channel?: Channel): ChannelDraft {
  const draft: ChannelDraft = {
    name: channel?.name ?? '',
    type: channel?.target.type ?? 'webhook',
    enabled: channel?.enabled ?? true,
    timeoutSeconds: String(channel?.timeoutSeconds ?? 10),
    maxMessages: String(channel?.throttle.maxMessages ?? 10),
    intervalMinutes: String(channel?.throttle.intervalMinutes ?? 60),
    url: '',
    secret: secretDraft(channel ? 'keep' : 'stored'),
    host: '',
    port: '587',
    tls: 'starttls',
    username: '',
    from: '',
    to: '',
  };
  const target = channel?.target;
  if (target?.type === 'webhook') draft.url = target.url;
  if (target?.type === 'email') {
    Object.assign(draft, {
      host: target.host,
      port: String(target.port),
      tls: target.tls,
      username: target.username ?? '',
      from: target.from,
      to: target.to.join(', '),
    });
    if (target.password === null) draft.secret = secretDraft('none');
  }
  return draft;
}

const numberOf = (raw: string) => (raw.trim() === '' ? Number.NaN : Number(raw));

function targetOf(draft: ChannelDraft, editing: boolean): Record<string, unknown> {
  const secret = secretInputOf(draft.secret);
  // Left out: keep the stored credential. Null only removes an optional one, and only when editing.
  const credential = (name: string) => (secret === undefined || (secret === null && !editing) ? {} : { [name]: secret });
  switch (draft.type) {
    case 'webhook':
      return { type: 'webhook', url: draft.url.trim(), ...credential('secret') };
    case 'slack':
      return { type: 'slack', ...credential('url') };
    case 'email':
      return {
        type: 'email',
        host: draft.host.trim(),
        port: numberOf(draft.port),
        tls: draft.tls,
        username: draft.username.trim() || null,
        from: draft.from.trim(),
        to: draft.to.split(/[\s,;]+/).filter(Boolean),
        ...credential('password'),
      };
    case 'log':
      return { type: 'log' };
  }
}

/** Issue paths of the contract's schema → the form field that shows them. */
function fieldOf(type: ChannelType) {
  return (path: string): string => {
    const [head, second] = path.split('.');
    if (head === 'throttle') return second ?? 'maxMessages';
    if (head !== 'target') return head ?? path;
    if (second === 'secret' || second === 'password' || (type === 'slack' && second === 'url')) return 'secret';
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
  const errors = parsed.success ? {} : zodFieldErrors(parsed.error, fieldOf(draft.type));
  if (!body.name) errors.name = 'Enter a name';
  const label = SECRET_LABELS[draft.type];
  const problem = label ? secretProblem(draft.secret, label) : null;
  if (problem) errors.secret = problem;
  return { body: Object.values(errors).some(Boolean) ? null : (body as CreateChannelInput), errors };
}
