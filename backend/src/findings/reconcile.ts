import { randomUUID } from 'node:crypto';
import type { FindingDraft } from '../analyzers/analyzer';
import { severityRank } from '../analyzers/analyzer';
import type { FindingEntity } from './finding.entity';
import { fingerprint } from './fingerprint';

export interface ReportedDraft extends FindingDraft {
  analyzerId: string;
}

export interface Reconciliation {
  /** Every row to write. */
  changed: FindingEntity[];
  /** New, or resolved before and back. */
  opened: FindingEntity[];
  /** Seen again with a higher severity. */
  escalated: FindingEntity[];
  /** Seen again, no higher. */
  updated: FindingEntity[];
  resolved: FindingEntity[];
  /** The rows of everything this run reported. */
  reported: FindingEntity[];
}

/**
 * Merges one run's drafts into the instance's stored findings. The same problem updates its finding (evidence,
 * severity, last seen); a resolved one that comes back reopens; an unresolved finding of an analyzer that ran and
 * no longer reports it resolves. Analyzers that did not run (`ran` lacks them) keep their findings untouched.
 * Status rules: an expired snooze ends; an escalation reopens an acknowledged finding (it needs a new look).
 */
export function reconcile(
  instanceId: string | null,
  existing: FindingEntity[],
  drafts: ReportedDraft[],
  ran: Pick<ReadonlySet<string>, 'has'>,
  now: Date,
): Reconciliation {
  const result: Reconciliation = { changed: [], opened: [], escalated: [], updated: [], resolved: [], reported: [] };
  const byFingerprint = new Map(existing.map((row) => [row.fingerprint, row]));
  const seen = new Set<string>();
  const setStatus = (row: FindingEntity, status: FindingEntity['status']) =>
    Object.assign(row, { status, statusChangedAt: now, statusChangedBy: null, snoozedUntil: null });

  for (const draft of drafts) {
    const key = fingerprint(draft.analyzerId, instanceId, draft.objects);
    if (seen.has(key)) continue;
    seen.add(key);
    const current = byFingerprint.get(key);
    const content = {
      severity: draft.severity,
      objects: draft.objects,
      title: draft.title,
      evidence: draft.evidence,
      recommendation: draft.recommendation,
      lastSeenAt: now,
    };
    if (!current) {
      const row: FindingEntity = {
        id: randomUUID(),
        instanceId,
        fingerprint: key,
        analyzerId: draft.analyzerId,
        ...content,
        status: 'open',
        snoozedUntil: null,
        statusChangedBy: null,
        statusChangedAt: null,
        firstSeenAt: now,
        resolvedAt: null,
      };
      result.opened.push(row);
      result.changed.push(row);
      result.reported.push(row);
      continue;
    }
    const rose = severityRank(draft.severity) > severityRank(current.severity);
    Object.assign(current, content);
    if (current.status === 'resolved') {
      setStatus(current, 'open');
      current.resolvedAt = null;
      result.opened.push(current);
    } else {
      if (current.status === 'snoozed' && current.snoozedUntil !== null && current.snoozedUntil <= now) setStatus(current, 'open');
      if (rose && current.status === 'acknowledged') setStatus(current, 'open');
      (rose ? result.escalated : result.updated).push(current);
    }
    result.changed.push(current);
    result.reported.push(current);
  }

  for (const row of existing) {
    if (seen.has(row.fingerprint) || row.status === 'resolved' || !ran.has(row.analyzerId)) continue;
    setStatus(row, 'resolved');
    row.resolvedAt = now;
    result.resolved.push(row);
    result.changed.push(row);
  }
  return result;
}
