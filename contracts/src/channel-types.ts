import { z } from 'zod';
import { type AnyChannelDefinition, defineChannel, isLoopbackHost, webhookUrlSchema } from './channel-definition';

/*
 * Every channel type, declared once. A new type is an entry here, its sender in backend/src/notifiers/senders/ and
 * one line in that folder's registry: the API schemas, storage, the form and the channel list follow from this.
 */

const webhook = defineChannel({
  type: 'webhook',
  label: 'Webhook',
  description: 'JSON POSTed to your URL, signed with an HMAC of the body so the receiver can check it came from Inspector.',
  settings: { url: webhookUrlSchema },
  fields: [
    {
      name: 'url',
      label: 'URL',
      input: 'url',
      placeholder: 'https://hooks.example.com/inspector',
      hint: 'Inspector POSTs JSON here. Put no credentials in the URL: the signing secret authenticates each request (HMAC).',
    },
  ],
  credential: { name: 'secret', label: 'signing secret', kind: 'key', optional: false },
  sendsTo: { field: 'url', as: 'url' },
  summary: ({ url }) => ({ main: url, style: 'code' }),
});

/** Incoming webhooks (Slack, Mattermost, Rocket.Chat): the URL itself is the credential. */
const slack = defineChannel({
  type: 'slack',
  label: 'Slack',
  description: 'A message to a Slack channel through an incoming-webhook URL.',
  settings: {},
  fields: [],
  credential: { name: 'url', label: 'Slack webhook URL', kind: 'url', optional: false, placeholder: 'https://hooks.slack.com/services/…' },
  sendsTo: { field: 'url', as: 'url' },
  summary: () => ({}),
});

const TLS_MODES = ['implicit', 'starttls', 'none'] as const;

const email = defineChannel({
  type: 'email',
  label: 'Email',
  description: 'An email through your SMTP server.',
  settings: {
    host: z
      .string()
      .trim()
      .min(1)
      .max(255)
      .regex(/^[A-Za-z0-9.:[\]-]+$/, 'must be a host name or IP address'),
    port: z.number().int().min(1).max(65535),
    /** implicit: TLS from the first byte (usually 465); starttls: upgrade required (usually 587); none: loopback only. */
    tls: z.enum(TLS_MODES),
    username: z.string().min(1).max(255).nullable().default(null),
    from: z.email().max(255),
    to: z.array(z.email().max(255)).min(1).max(20),
  },
  fieldset: 'SMTP server',
  fields: [
    { name: 'host', label: 'Host', input: 'text', placeholder: 'smtp.example.com', row: 'server' },
    { name: 'port', label: 'Port', input: 'number', initial: '587', row: 'server' },
    {
      name: 'tls',
      label: 'TLS',
      input: 'select',
      initial: 'starttls',
      options: [
        { value: 'starttls', label: 'STARTTLS (usually port 587)' },
        { value: 'implicit', label: 'TLS from the start (usually port 465)' },
        { value: 'none', label: 'None (localhost only)' },
      ],
      hint: 'Without TLS the password and the findings cross the network in clear: allowed towards localhost only.',
    },
    { name: 'username', label: 'Username (optional)', input: 'text', emptyIsNull: true },
    { name: 'from', label: 'From', input: 'email', placeholder: 'inspector@example.com' },
    { name: 'to', label: 'To', input: 'list', placeholder: 'dba@example.com, oncall@example.com', hint: 'Up to 20 addresses, separated by commas.' },
  ],
  credential: {
    name: 'password',
    label: 'SMTP password',
    kind: 'key',
    optional: true,
    requiredWhen: { test: ({ username }) => username !== null, message: 'is required when a username is set' },
  },
  sendsTo: { field: 'host', as: 'host' },
  check: ({ host, tls }, ctx) => {
    if (tls === 'none' && !isLoopbackHost(host)) {
      ctx.addIssue({ code: 'custom', path: ['tls'], message: 'none is only allowed towards a loopback host (localhost, 127.0.0.1, ::1)' });
    }
  },
  summary: ({ to, host, port, tls }) => ({ main: to.join(', '), detail: `via ${host}:${port} (${tls})` }),
});

const log = defineChannel({
  type: 'log',
  label: 'Server log',
  description: 'A line in Inspector’s own server log: useful to try rules out.',
  settings: {},
  fields: [],
  summary: () => ({ main: 'Inspector’s server log', style: 'muted' }),
});

/** Teams Workflows (or a legacy connector): the incoming-webhook URL is the credential, like Slack's. */
const teams = defineChannel({
  type: 'teams',
  label: 'Microsoft Teams',
  description: 'An Adaptive Card in a Teams channel, through the URL of a Workflows “When a Teams webhook request is received” flow.',
  settings: {},
  fields: [],
  credential: { name: 'url', label: 'Teams webhook URL', kind: 'url', optional: false, placeholder: 'https://….logic.azure.com/workflows/…' },
  sendsTo: { field: 'url', as: 'url' },
  summary: () => ({}),
});

/** An approved plugin's notifier delivers (see docs/plugins.md); Inspector itself contacts nothing. */
const plugin = defineChannel({
  type: 'plugin',
  label: 'Plugin',
  description: 'Handed to the notifier of an approved plugin, which delivers it its own way (Admin › Plugins lists each plugin’s notifiers).',
  settings: {
    plugin: z.string().regex(/^[a-z][a-z0-9-]{1,62}$/, 'a plugin name: lowercase letters, digits and dashes'),
    notifier: z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, 'a notifier name: snake_case'),
  },
  fields: [
    { name: 'plugin', label: 'Plugin', input: 'text', placeholder: 'idle-transactions', row: 'part', suggest: 'plugins' },
    { name: 'notifier', label: 'Notifier', input: 'text', placeholder: 'log_file', row: 'part', suggest: 'plugin-notifiers' },
  ],
  summary: ({ plugin, notifier }) => ({ main: `${plugin} › ${notifier}`, style: 'code' }),
});

export const CHANNEL_DEFINITIONS = [webhook, slack, email, log, teams, plugin] as const;

export const webhookSettingsSchema = z.strictObject(webhook.settings);
/** The non-secret part of an email target. */
export const emailSettingsSchema = z.strictObject(email.settings);

type DeclaredType = (typeof CHANNEL_DEFINITIONS)[number]['type'];
const BY_TYPE = new Map(CHANNEL_DEFINITIONS.map((definition) => [definition.type, definition as unknown as AnyChannelDefinition]));

/** The declaration of a type the contract accepted (or a stored channel's). */
export function channelDefinition(type: DeclaredType): AnyChannelDefinition {
  const definition = BY_TYPE.get(type);
  if (!definition) throw new Error(`unknown channel type ${type}`);
  return definition;
}
