import type { FindingSeverity } from '@inspector/contracts';
import { eventWord, headline, type NotificationEvent, subjectOf } from '../notification';
import { postToIncomingWebhook } from './incoming-webhook';
import type { OutgoingMessage, Sender } from './sender';

const MAX_EVENTS = 20;
const COLORS: Record<FindingSeverity, string> = { critical: 'Attention', warning: 'Warning', info: 'Accent' };

/**
 * Finding text comes from the monitored database (object names, titles): TextRuns show it as it is, whereas a
 * TextBlock would read it as Markdown and could turn a table name into a link.
 */
function eventLine({ event, finding }: NotificationEvent): object {
  return {
    type: 'RichTextBlock',
    inlines: [
      {
        type: 'TextRun',
        text: `${eventWord(event)} · ${finding.severity} · `,
        weight: 'Bolder',
        color: event === 'resolved' ? 'Good' : COLORS[finding.severity],
      },
      { type: 'TextRun', text: `${subjectOf(finding)} · ${finding.title}` },
    ],
  };
}

/** A Teams message carrying one Adaptive Card: the headline, then one line per finding change. */
export function teamsCard(message: OutgoingMessage): object {
  const heading = message.kind === 'test' ? 'Inspector: test message. This channel works.' : `Inspector: ${headline(message.events)}`;
  const more = message.events.length - MAX_EVENTS;
  const body = [
    { type: 'TextBlock', text: heading, weight: 'Bolder', size: 'Medium', wrap: true },
    ...message.events.slice(0, MAX_EVENTS).map(eventLine),
    ...(more > 0 ? [{ type: 'TextBlock', text: `…and ${more} more`, isSubtle: true }] : []),
  ];
  const card = { $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', type: 'AdaptiveCard', version: '1.4', body };
  return { type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content: card }] };
}

export const sendTeams: Sender = (message, target) => postToIncomingWebhook(teamsCard(message), target);
