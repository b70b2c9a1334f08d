/** A collector's latest stretch of successful runs on an instance (a collector_coverage row). */
export interface CoverageSpan {
  startedAt: number;
  endedAt: number;
  intervalMs: number;
}

/**
 * How late a run may come and still continue the span: two missed runs (a busy machine, a slow neighbour on the
 * instance's one connection) are not a gap in monitoring; a third is.
 */
const gapAfter = (intervalMs: number) => 2.5 * intervalMs + 60_000;

/** Whether a successful run at `at` continues `span` (else it starts a new one). */
export function continues(span: CoverageSpan | undefined, at: number, intervalMs: number): span is CoverageSpan {
  return span !== undefined && at >= span.endedAt && at - span.endedAt <= gapAfter(Math.max(intervalMs, span.intervalMs));
}
