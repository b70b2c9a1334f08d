import type { ChannelType } from '@inspector/contracts';
import { sendEmail } from './email.sender';
import { sendLog } from './log.sender';
import { sendPlugin } from './plugin.sender';
import type { Sender } from './sender';
import { sendSlack } from './slack.sender';
import { sendTeams } from './teams.sender';
import { sendWebhook } from './webhook.sender';

/** One sender per declared channel type: a type without one does not compile. */
export const SENDERS: Record<ChannelType, Sender> = {
  webhook: sendWebhook,
  slack: sendSlack,
  email: sendEmail,
  log: sendLog,
  teams: sendTeams,
  plugin: sendPlugin,
};
export type { OutgoingMessage } from './sender';
