import { Injectable } from '@nestjs/common';
import type { FindingDraft } from '../analyzers/analyzer';
import { FindingEvents } from './finding-events';
import { FindingsService, toFinding } from './findings.service';

/**
 * Findings about Inspector itself (no instance), reported by its own checks such as scheduled backups. They follow
 * the analyzers' rules (the same problem updates its finding, a passing check resolves it, a resolved one that
 * comes back reopens) and reach notifier channels through the same FindingEvents.
 */
@Injectable()
export class InspectorChecks {
  constructor(
    private readonly findings: FindingsService,
    private readonly events: FindingEvents,
  ) {}

  /** The check's problem, or null when it passed. */
  async report(checkId: string, problem: FindingDraft | null, now = new Date()): Promise<void> {
    const drafts = problem ? [{ ...problem, analyzerId: checkId }] : [];
    const result = await this.findings.record(null, drafts, new Set([checkId]), now);
    if (result.opened.length + result.escalated.length + result.resolved.length === 0) return;
    const api = (rows: typeof result.opened) => rows.map((row) => toFinding(row, null));
    await this.events.emit({ instanceId: null, opened: api(result.opened), escalated: api(result.escalated), resolved: api(result.resolved) });
  }
}
