/**
 * Turns what the samplers and the status poller saw into figures: per phase (CPU, RSS, connections) and per
 * collector (run time, achieved interval against the configured one, where the extra time went).
 */
import { slope, summarize } from './stats.mjs';

/** The target band of the achieved interval: ±10 % of the configured one. */
export const BAND = 0.1;

/** NEW_INSTANCE_FIRST_RUN_WITHIN_MS of src/monitoring/schedule.ts, in seconds: the benchmark adds its instances. */
const SPREAD_SECOND_RUN_ABOVE_S = 15;

const inWindow = (window, at) => at >= window.fromEpoch && at < window.toEpoch;

/**
 * Gaps between consecutive starts (lastRunAt) of one instance's collector, for runs that started in the window.
 * A run that starts on time is visible for about an interval plus its own run time (its successor is due one interval
 * after it was): a gap counts only if the instance was polled at least every 0.9 × interval + run time between
 * them, otherwise it is left out as uncertain. A late run's successor may start sooner (the scheduler follows a run
 * that overran its interval at once); a run missed that way merges two gaps into one long one, which counts outside
 * the band: the error goes against the app, never for it.
 */
function gapsOf(seen, pollTimes, intervalSeconds, window) {
  const times = [...seen.keys()].sort((a, b) => a - b);
  const gaps = [];
  let uncertain = 0;
  // An instance just added runs every collector within 15 s; the scheduler puts the second run of a collector slower
  // than that at a random point of its interval (of the second half for the 10/15 min ones; src/monitoring/schedule.ts),
  // so that a fleet added together spreads out instead of firing together every interval: that first gap is meant to
  // be short.
  const firstCounted = intervalSeconds > SPREAD_SECOND_RUN_ABOVE_S ? 2 : 1;
  times.forEach((at, index) => {
    if (index < firstCounted || !inWindow(window, at)) return;
    const previous = times[index - 1];
    const run = seen.get(at);
    const end = at + (run.durationMs ?? 0);
    const visibleMs = intervalSeconds * 1000 * (1 - BAND) + (run.durationMs ?? 0);
    const between = pollTimes.filter((p) => p >= previous && p <= end);
    const pollGaps = [(between[0] ?? end) - previous, ...between.slice(1).map((p, i) => p - between[i]), end - (between.at(-1) ?? previous)];
    if (Math.max(...pollGaps) > visibleMs) {
      uncertain += 1;
      return;
    }
    gaps.push({ seconds: (at - previous) / 1000, previousRunMs: seen.get(previous).durationMs ?? 0 });
  });
  return { gaps, uncertain };
}

/** Per collector: runs and run time in the window, achieved interval against the configured one. */
export function collectorFigures({ runs, polls, intervals, window }) {
  const byCollector = new Map([...intervals.keys()].map((id) => [id, { durations: [], statuses: {}, errors: new Map(), gaps: [], uncertain: 0 }]));
  for (const [key, seen] of runs) {
    const [instanceId, collectorId] = key.split('\u0000');
    const entry = byCollector.get(collectorId);
    if (!entry) continue;
    for (const [at, run] of seen) {
      if (!inWindow(window, at)) continue;
      entry.statuses[run.status] = (entry.statuses[run.status] ?? 0) + 1;
      if (run.status === 'error') entry.errors.set(run.error, (entry.errors.get(run.error) ?? 0) + 1);
      if (run.durationMs !== null) entry.durations.push(run.durationMs);
    }
    const { gaps, uncertain } = gapsOf(seen, polls.get(instanceId) ?? [], intervals.get(collectorId), window);
    entry.gaps.push(...gaps);
    entry.uncertain += uncertain;
  }
  const figures = {};
  for (const [id, entry] of byCollector) {
    const configured = intervals.get(id);
    const seconds = entry.gaps.map((gap) => gap.seconds);
    const within = seconds.filter((s) => Math.abs(s / configured - 1) <= BAND).length;
    const meanGap = seconds.length ? seconds.reduce((a, b) => a + b, 0) / seconds.length : NaN;
    const meanPreviousRun = entry.gaps.length ? entry.gaps.reduce((a, gap) => a + gap.previousRunMs, 0) / entry.gaps.length / 1000 : NaN;
    figures[id] = {
      intervalSeconds: configured,
      runs: entry.durations.length,
      statuses: entry.statuses,
      errors: [...entry.errors].sort((a, b) => b[1] - a[1]),
      duration: summarize(entry.durations),
      achieved: summarize(seconds),
      gaps: seconds.length,
      uncertain: entry.uncertain,
      within,
      withinShare: seconds.length ? within / seconds.length : NaN,
      // The next run is due one interval after the previous one was due, so while runs start when due the mean gap is
      // the interval; a positive excess means runs started ever later (queued for a slot, behind the event loop).
      excess: { mean: meanGap - configured, previousRun: meanPreviousRun, rest: meanGap - configured - meanPreviousRun },
    };
  }
  return figures;
}

/** Every collector's gaps together: the share within the band, and ratios to the configured interval. */
export function intervalTotals(byCollector) {
  const entries = Object.values(byCollector);
  const gaps = entries.reduce((sum, entry) => sum + entry.gaps, 0);
  const within = entries.reduce((sum, entry) => sum + entry.within, 0);
  const measured = entries.filter((entry) => entry.gaps > 0);
  const worst = measured.reduce((low, entry) => (low === null || entry.withinShare < low.withinShare ? entry : low), null);
  return {
    gaps,
    within,
    withinShare: gaps ? within / gaps : NaN,
    uncertain: entries.reduce((sum, entry) => sum + entry.uncertain, 0),
    runs: entries.reduce((sum, entry) => sum + entry.runs, 0),
    worst: worst && { id: Object.keys(byCollector).find((id) => byCollector[id] === worst), share: worst.withinShare, gaps: worst.gaps },
  };
}

/** CPU, RSS, connections, status polls and app errors of one phase. */
export function phaseFigures({ phase, cpuSamples, connSamples, pollLatencies, appLog }) {
  const inPhase = (t) => t >= phase.from && t < phase.to;
  const samples = cpuSamples.filter((sample) => inPhase(sample.t));
  const conns = connSamples.filter((sample) => inPhase(sample.t));
  return {
    seconds: (phase.to - phase.from) / 1000,
    cpu: summarize(samples.map((sample) => sample.cpu)),
    machineCpu: summarize(samples.map((sample) => sample.machine)),
    runQueue: summarize(samples.map((sample) => sample.runQueue)),
    load: summarize(samples.map((sample) => sample.load)),
    rss: summarize(samples.map((sample) => sample.rss)),
    rssFirst: samples[0]?.rss ?? NaN,
    rssLast: samples.at(-1)?.rss ?? NaN,
    rssSlope: slope(samples.map((sample) => [(sample.t - phase.from) / 60_000, sample.rss])), // MiB per minute
    connections: {
      min: Math.min(...conns.map((c) => c.total)),
      max: Math.max(...conns.map((c) => c.total)),
      samples: conns.length,
    },
    polls: summarize(pollLatencies.filter((poll) => inPhase(poll.t)).map((poll) => poll.ms)),
    appErrors: appLog.filter((entry) => entry.level === 'error' && entry.at >= phase.fromEpoch && entry.at < phase.toEpoch).length,
  };
}
