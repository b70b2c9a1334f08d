import type { FindingSeverity } from '@inspector/contracts';
import { eventWord, headline, type NotificationEvent, subjectOf } from '../notification';
import { postToIncomingWebhook } from './incoming-webhook';
import type { OutgoingMessage, Sender } from './sender';

const MAX_LINES = 20;
const ICONS: Record<FindingSeverity, string> = { critical: ':red_circle:', warning: ':large_orange_circle:', info: ':large_blue_circle:' };

/** Slack reads &, < and > as markup. */
function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function line({ event, finding }: NotificationEvent): string {
  const icon = event === 'resolved' ? ':white_check_mark:' : ICONS[finding.severity];
  return `${icon} *${eventWord(event)}* · ${finding.severity} · ${escape(subjectOf(finding))} · ${escape(finding.title)}`;
}

export function slackText(message: OutgoingMessage): string {
  if (message.kind === 'test') return '*Inspector*: test message. This channel works.';
  const lines = message.events.slice(0, MAX_LINES).map(line);
  const more = message.events.length - MAX_LINES;
  return [`*Inspector*: ${headline(message.events)}`, ...lines, ...(more > 0 ? [`…and ${more} more`] : [])].join('\n');
}

/** Incoming webhooks (Slack, Mattermost, Rocket.Chat) take `{ text }`; the URL itself is the credential. */
export const sendSlack: Sender = (message, target) => postToIncomingWebhook({ text: slackText(message) }, target);
