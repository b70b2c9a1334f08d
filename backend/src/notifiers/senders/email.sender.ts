import type { EmailSettings } from '@inspector/contracts';
import { createTransport } from 'nodemailer';
import { eventWord, headline, type NotificationEvent } from '../notification';
import { SendError, type OutgoingMessage, type Sender } from './sender';

const SUBJECT_INSTANCES = 3;

function objectsText(objects: Record<string, string | number>): string {
  return Object.entries(objects)
    .map(([key, value]) => `${key}=${value}`)
    .join(', ');
}

function block({ event, finding }: NotificationEvent): string {
  return [
    `${eventWord(event).toUpperCase()} · ${finding.severity.toUpperCase()} · ${finding.instanceName ?? finding.instanceId}`,
    finding.title,
    `Analyzer: ${finding.analyzerId}${Object.keys(finding.objects).length > 0 ? ` · ${objectsText(finding.objects)}` : ''}`,
    ...(event === 'resolved' ? [] : ['Recommendation:', finding.recommendation]),
  ].join('\n');
}

export function emailContent(message: OutgoingMessage, channelName: string): { subject: string; text: string } {
  if (message.kind === 'test') {
    return { subject: '[Inspector] Test message', text: `This is a test message from Inspector: the channel "${channelName}" works.\n` };
  }
  const instances = [...new Set(message.events.map(({ finding }) => finding.instanceName ?? finding.instanceId))];
  const shown = instances.slice(0, SUBJECT_INSTANCES).join(', ') + (instances.length > SUBJECT_INSTANCES ? ` +${instances.length - SUBJECT_INSTANCES}` : '');
  const subject = `[Inspector] ${headline(message.events)} on ${shown}`.replace(/[\r\n]+/g, ' ');
  const text = [`Inspector: ${headline(message.events)}`, ...message.events.map(block)].join('\n\n---\n\n');
  return { subject, text: `${text}\n` };
}

/**
 * One SMTP connection per message (notifications are rare; a pool would hold sockets open for nothing).
 * Certificates are always verified; "none" is only accepted for a loopback relay (checked by the contract).
 */
export const sendEmail: Sender = async (message, target) => {
  const settings = target.channel.settings as EmailSettings;
  if (settings.username && !target.secret) throw new SendError('the email channel has a username but no password');
  const transport = createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.tls === 'implicit',
    requireTLS: settings.tls === 'starttls',
    ignoreTLS: settings.tls === 'none',
    auth: settings.username && target.secret ? { user: settings.username, pass: target.secret.reveal() } : undefined,
    connectionTimeout: target.timeoutMs,
    greetingTimeout: target.timeoutMs,
    socketTimeout: target.timeoutMs,
    dnsTimeout: target.timeoutMs,
  });
  try {
    await transport.sendMail({ from: settings.from, to: settings.to, ...emailContent(message, target.channel.name), signal: AbortSignal.timeout(target.timeoutMs) });
  } finally {
    transport.close();
  }
};
