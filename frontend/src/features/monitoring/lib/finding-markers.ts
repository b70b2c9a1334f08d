import type { Finding, FindingSeverity } from '@inspector/contracts';
import type { ChartMarker } from '@/components/charts/markers';

/** A finding opening or resolving within a chart's window. */
export type FindingEvent = {
  findingId: string;
  analyzerId: string;
  title: string;
  severity: FindingSeverity;
  change: 'opened' | 'resolved';
  atMs: number;
};

const TONES: Record<FindingSeverity, ChartMarker['tone']> = { critical: 'danger', warning: 'warn', info: 'muted' };

/**
 * When findings were opened (first seen) and resolved within [fromMs, toMs], oldest first. A finding opened before
 * the window and resolved within it shows only its resolution; one still open shows only its opening.
 */
export function findingEvents(findings: readonly Finding[], fromMs: number, toMs: number): FindingEvent[] {
  const within = (atMs: number) => atMs >= fromMs && atMs <= toMs;
  const events: FindingEvent[] = [];
  for (const finding of findings) {
    const base = { findingId: finding.id, analyzerId: finding.analyzerId, title: finding.title, severity: finding.severity };
    const openedMs = Date.parse(finding.firstSeenAt);
    if (within(openedMs)) events.push({ ...base, change: 'opened', atMs: openedMs });
    const resolvedMs = finding.resolvedAt === null ? Number.NaN : Date.parse(finding.resolvedAt);
    if (within(resolvedMs)) events.push({ ...base, change: 'resolved', atMs: resolvedMs });
  }
  return events.sort((a, b) => a.atMs - b.atMs || a.title.localeCompare(b.title));
}

/** The events as chart markers: coloured by severity, solid when opened and dashed when resolved. */
export const eventMarkers = (events: readonly FindingEvent[]): ChartMarker[] =>
  events.map((event) => ({
    atMs: event.atMs,
    tone: TONES[event.severity],
    line: event.change === 'opened' ? 'solid' : 'dashed',
    label: `${event.severity} finding ${event.change}: ${event.title}`,
  }));
