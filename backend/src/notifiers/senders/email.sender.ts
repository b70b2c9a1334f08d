import type { EmailSettings } from '@inspector/contracts';
import { createTransport } from 'nodemailer';
import { failureReason } from '../../net';
import { eventWord, headline, type NotificationEvent, subjectOf } from '../notification';
import { SendError, type OutgoingMessage, type Sender } from './sender';

const SUBJECT_INSTANCES = 3;

function objectsText(objects: Record<string, string | number>): string {
  return Object.entries(objects)
    .map(([key, value]) => `${key}=${value}`)
    .join(', ');
}

function block({ event, finding }: NotificationEvent): string {
  return [
    `${eventWord(event).toUpperCase()} · ${finding.severity.toUpperCase()} · ${subjectOf(finding)}`,
    finding.title,
    `Analyzer: ${finding.analyzerId}${Object.keys(finding.objects).length > 0 ? ` · ${objectsText(finding.objects)}` : ''}`,
    ...(event === 'resolved' ? [] : ['Recommendation:', finding.recommendation]),
  ].join('\n');
}

export function emailContent(message: OutgoingMessage, channelName: string): { subject: string; text: string } {
  if (message.kind === 'test') {
    return { subject: '[Inspector] Test message', text: `This is a test message from Inspector: the channel "${channelName}" works.\n` };
  }
  const instances = [...new Set(message.events.map(({ finding }) => subjectOf(finding)))];
  const shown = instances.slice(0, SUBJECT_INSTANCES).join(', ') + (instances.length > SUBJECT_INSTANCES ? ` +${instances.length - SUBJECT_INSTANCES}` : '');
  const subject = `[Inspector] ${headline(message.events)} on ${shown}`.replace(/[\r\n]+/g, ' ');
  const text = [`Inspector: ${headline(message.events)}`, ...message.events.map(block)].join('\n\n---\n\n');
  return { subject, text: `${text}\n` };
}

/**
 * The fixed phrase for an SMTP failure: reply codes yes, reply text no (a banner or an error line of whatever listens
 * on that port must not reach the delivery log).
 */
function smtpFailure(error: unknown, timeoutMs: number): string {
  const { code, responseCode, command, originalCode } = (error ?? {}) as { code?: string; responseCode?: number; command?: string; originalCode?: string };
  const reply = typeof responseCode === 'number' ? ` (${responseCode})` : '';
  switch (code) {
    case 'EAUTH':
      return `SMTP server refused the login${reply}`;
    case 'EENVELOPE':
    case 'EMESSAGE':
      return `SMTP server refused the message${reply}`;
    case 'ETLS':
      return command === 'STARTTLS' ? `SMTP server refused STARTTLS${reply}` : 'TLS handshake failed';
    case 'EPROTOCOL':
      return 'not an SMTP server, or it broke the protocol';
    case 'ETIMEDOUT':
      return failureReason(error, timeoutMs);
    case 'ECONNECTION':
    case 'ESOCKET':
      return failureReason(Object.assign(new Error(), { code: originalCode }), timeoutMs, 'connection closed by the server');
    default:
      return failureReason(error, timeoutMs, 'sending failed');
  }
}

/**
 * One SMTP connection per message (notifications are rare; a pool would hold sockets open for nothing).
 * It goes to the address the host policy resolved and checked; certificates are verified against the configured
 * name. "none" is only accepted for a loopback relay (checked by the contract).
 */
export const sendEmail: Sender = async (message, target) => {
  const settings = target.channel.settings as EmailSettings;
  if (settings.username && !target.secret) throw new SendError('the email channel has a username but no password');
  const signal = AbortSignal.timeout(target.timeoutMs);
  try {
    const destination = await target.hosts.resolve(settings.host, signal);
    const transport = createTransport({
      host: destination.address,
      servername: destination.servername ?? undefined,
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
      await transport.sendMail({ from: settings.from, to: settings.to, ...emailContent(message, target.channel.name), signal });
    } finally {
      transport.close();
    }
  } catch (error) {
    throw new SendError(smtpFailure(error, target.timeoutMs));
  }
};
