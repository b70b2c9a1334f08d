import { performance } from 'node:perf_hooks';
import type { Engine } from '@inspector/contracts';
import { collectorsFor } from '../src/collectors/registry';
import type { BenchApp } from './app';
import { median, sum } from './report';

export interface CollectorTiming {
  collectorId: string;
  status: string;
  /** The collector's own run (runCollector: queries + mapping), as the app reports it (whole ms). */
  collectMs: number;
  /** Everything else CollectionService.collect does: instance lookup, secret, MetricsStore.record. */
  storeMs: number;
  totalMs: number;
  cpuMs: number;
  rows: number;
}

/** One full collection cycle the way CollectionService.collectAll runs it, timed per collector of the engine. */
export async function runCycle(bench: BenchApp, engine: Engine = 'postgres'): Promise<CollectorTiming[]> {
  const timings: CollectorTiming[] = [];
  for (const collector of collectorsFor(engine)) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    const summary = await bench.collection.collect(bench.instanceId, collector);
    const totalMs = performance.now() - start;
    const used = process.cpuUsage(cpu);
    timings.push({
      collectorId: collector.id,
      status: summary.status === 'ok' || summary.status === 'skipped' ? summary.status : `${summary.status}: ${summary.message}`,
      collectMs: summary.durationMs,
      storeMs: Math.max(0, totalMs - summary.durationMs),
      totalMs,
      cpuMs: (used.user + used.system) / 1000,
      rows: summary.rows,
    });
  }
  return timings;
}

export interface CycleStats {
  first: CollectorTiming[];
  cycleMs: number[];
  /** Median per collector over the steady cycles. */
  byCollector: Map<string, { collectMs: number; storeMs: number; totalMs: number; cpuMs: number; status: string; rows: number }>;
}

/** A first (cold) cycle that writes every series, then `cycles` steady ones, each after `before` (a floor pass). */
export async function measureCycles(bench: BenchApp, cycles: number, before: () => Promise<unknown>, engine: Engine = 'postgres'): Promise<CycleStats> {
  const first = await runCycle(bench, engine);
  const runs: CollectorTiming[][] = [];
  for (let index = 0; index < cycles; index++) {
    await before();
    runs.push(await runCycle(bench, engine));
  }
  const byCollector = new Map(
    collectorsFor(engine).map((collector) => {
      const own = runs.map((run) => run.find((timing) => timing.collectorId === collector.id) as CollectorTiming);
      const pick = (field: 'collectMs' | 'storeMs' | 'totalMs' | 'cpuMs') => median(own.map((timing) => timing[field]));
      return [
        collector.id,
        {
          collectMs: pick('collectMs'),
          storeMs: pick('storeMs'),
          totalMs: pick('totalMs'),
          cpuMs: pick('cpuMs'),
          status: own[own.length - 1].status,
          rows: own[own.length - 1].rows,
        },
      ];
    }),
  );
  return { first, cycleMs: runs.map((run) => sum(run.map((timing) => timing.totalMs))), byCollector };
}
