import { type Finding, INSPECTOR_SUBJECT, type NotificationEventKind } from '@inspector/contracts';
import { safeText } from '../audit/audit.service';
import type { FindingChanges } from '../findings/finding-events';

/** What a message says about a finding: its API shape without the status bookkeeping. */
export type NotifiedFinding = Pick<
  Finding,
  | 'id'
  | 'analyzerId'
  | 'severity'
  | 'instanceId'
  | 'instanceName'
  | 'objects'
  | 'title'
  | 'evidence'
  | 'recommendation'
  | 'status'
  | 'firstSeenAt'
  | 'lastSeenAt'
  | 'resolvedAt'
>;

export interface NotificationEvent {
  event: NotificationEventKind;
  finding: NotifiedFinding;
}

const SUMMARY_MAX = 500;
const WORDS: Record<NotificationEventKind, string> = { opened: 'new', escalated: 'escalated', resolved: 'resolved' };

/** A snoozed finding that gets worse stays quiet: snoozing means "not until then", whatever happens meanwhile. */
export function eventsOf(changes: Pick<FindingChanges, NotificationEventKind>): NotificationEvent[] {
  const kinds: NotificationEventKind[] = ['opened', 'escalated', 'resolved'];
  return kinds.flatMap((event) =>
    changes[event].filter((finding) => !(event === 'escalated' && finding.status === 'snoozed')).map((finding) => ({ event, finding: notified(finding) })),
  );
}

function notified(finding: Finding): NotifiedFinding {
  const { id, analyzerId, severity, instanceId, instanceName, objects, title, evidence, recommendation, status, firstSeenAt, lastSeenAt, resolvedAt } = finding;
  return { id, analyzerId, severity, instanceId, instanceName, objects, title, evidence, recommendation, status, firstSeenAt, lastSeenAt, resolvedAt };
}

/** Several queued messages as one: a finding appears once, in its latest state (opened then resolved says resolved). */
export function mergeEvents(batches: NotificationEvent[][]): NotificationEvent[] {
  const byFinding = new Map<string, NotificationEvent>();
  for (const event of batches.flat()) {
    byFinding.delete(event.finding.id);
    byFinding.set(event.finding.id, event);
  }
  return [...byFinding.values()];
}

/** Who a finding is about, as messages name it: the instance, or Inspector itself for its own checks. */
export function subjectOf(finding: Pick<NotifiedFinding, 'instanceId' | 'instanceName'>): string {
  return finding.instanceName ?? finding.instanceId ?? INSPECTOR_SUBJECT;
}

/** "2 new, 1 resolved". */
export function headline(events: NotificationEvent[]): string {
  if (events.length === 0) return 'Test message from Inspector';
  const kinds: NotificationEventKind[] = ['opened', 'escalated', 'resolved'];
  return kinds
    .map((kind) => [kind, events.filter((event) => event.event === kind).length] as const)
    .filter(([, count]) => count > 0)
    .map(([kind, count]) => `${count} ${WORDS[kind]}`)
    .join(', ');
}

export function eventWord(kind: NotificationEventKind): string {
  return WORDS[kind];
}

/** One line for the delivery log: counts, then titles as far as they fit. */
export function summarize(events: NotificationEvent[]): string {
  const titles = events.map(({ finding }) => `[${finding.severity}] ${finding.title} (${subjectOf(finding)})`).join('; ');
  const text = events.length === 0 ? headline(events) : `${headline(events)}: ${titles}`;
  const clean = safeText(text, text.length) ?? '';
  return clean.length > SUMMARY_MAX ? `${clean.slice(0, SUMMARY_MAX - 1)}…` : clean;
}
