import type { BenchApp } from './app';
import { CHART_RANGES, type ChartRequest, type ChartTiming, TIMED_REQUESTS, timeCharts } from './charts';
import type { StorageKind } from './growth';
import { type ChartedSeries, EXTRA_SERIES, seedMonth } from './month-seed';
import { fixed, heading, print, table, type Verdict } from './report';

/** The issue's target for one chart request, and what "a few hundred points per series" is taken to mean. */
const TARGET = { p95Ms: 100, pointsPerSeries: 500 };

/**
 * Seeds a month of history into each storage, then times the dashboard's chart requests for one counter and one gauge
 * of the monitored database (the overview page's throughput and size charts). Returns the verdicts and, per range, the
 * worst p95 over storages and series.
 */
export async function reportCharts(
  apps: ReadonlyArray<{ kind: StorageKind; bench: BenchApp }>,
  monitoredDb: string,
): Promise<{ verdicts: Verdict[]; worstP95: Map<string, number> }> {
  heading('Chart requests with a month of data present (GET /api/instances/:id/metrics over HTTP, as the dashboard asks)');
  const counter: ChartedSeries = { metric: 'databases.xact_commit', object: monitoredDb };
  const gauge: ChartedSeries = { metric: 'databases.size_bytes', object: monitoredDb };
  const requests: ChartRequest[] = CHART_RANGES.flatMap((range) => [
    { range, kind: 'counter' as const, ...counter },
    { range, kind: 'gauge' as const, ...gauge },
  ]);
  const verdicts: Verdict[] = [];
  const worstP95 = new Map<string, number>();
  const rows: Array<Array<string | number>> = [['storage', 'range', 'series', 'step s', 'points', 'p50 ms', 'p95 ms', 'max ms']];
  for (const { kind, bench } of apps) {
    const seed = await seedMonth(bench, kind, [counter, gauge]);
    print(
      `  ${kind}: seeded ${seed.seededSeries} series (the 2 charted + ${EXTRA_SERIES} table series; the instance has ${seed.seriesOfInstance} series) in ${fixed(seed.seconds)} s: ` +
        `${seed.rows.raw.toLocaleString('en')} raw points, ${seed.rows.fiveMinute.toLocaleString('en')} 5-minute and ${seed.rows.hour.toLocaleString('en')} hourly rollups, ${seed.rows.coverage} coverage spans`,
    );
    const timings = await timeCharts(bench, requests);
    for (const timing of timings)
      rows.push([
        kind,
        timing.range.label,
        `${timing.metric} (${timing.kind})`,
        timing.stepSeconds,
        timing.points,
        fixed(timing.p50),
        fixed(timing.p95),
        fixed(timing.max),
      ]);
    for (const range of CHART_RANGES)
      verdicts.push(
        ...rangeVerdicts(
          kind,
          range.label,
          timings.filter((timing) => timing.range === range),
        ),
      );
    for (const timing of timings) worstP95.set(timing.range.label, Math.max(worstP95.get(timing.range.label) ?? 0, timing.p95));
  }
  table(rows);
  print(
    `  ${TIMED_REQUESTS} timed requests per row after 5 warm-up rounds, taking turns; one series each (metric + object), maxPoints 400 as the dashboard sends; to = now at each request`,
  );
  print(
    '  seeded series change at every point (raw every 15 s, every rollup bucket full): the densest a series can be; PostgreSQL was vacuumed and analyzed after seeding, as autovacuum would have over the month',
  );
  return { verdicts, worstP95 };
}

function rangeVerdicts(kind: StorageKind, label: string, timings: readonly ChartTiming[]): Verdict[] {
  const p95 = Math.max(...timings.map((timing) => timing.p95));
  const points = Math.max(...timings.map((timing) => timing.points));
  return [
    {
      figure: `chart ${label}, one series, p95 [${kind}]`,
      value: `${fixed(p95)} ms (${timings.map((timing) => `${timing.kind} ${fixed(timing.p95)}`).join(', ')})`,
      target: `<= ${TARGET.p95Ms} ms`,
      pass: p95 <= TARGET.p95Ms,
    },
    {
      figure: `chart ${label}, points per series [${kind}]`,
      value: `${points}`,
      target: `a few hundred (<= ${TARGET.pointsPerSeries})`,
      pass: points <= TARGET.pointsPerSeries,
      note: points > TARGET.pointsPerSeries ? 'maxPoints 400 as the dashboard sends it' : undefined,
    },
  ];
}
