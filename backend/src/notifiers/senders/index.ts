import type { ChannelType } from '@inspector/contracts';
import { sendEmail } from './email.sender';
import { sendLog } from './log.sender';
import type { Sender } from './sender';
import { sendSlack } from './slack.sender';
import { sendWebhook } from './webhook.sender';

export const SENDERS: Record<ChannelType, Sender> = { webhook: sendWebhook, slack: sendSlack, email: sendEmail, log: sendLog };
export type { OutgoingMessage } from './sender';
