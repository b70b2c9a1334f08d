import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { type BenchApp, BENCH_USER } from './app';
import { DAY_MS } from '../src/metrics/point-partitions';
import { median } from './report';

/** The ranges a chart is timed over, ending now as the dashboard's range picker asks. */
export const CHART_RANGES = [
  { label: '30 d', ms: 30 * DAY_MS },
  { label: '1 y', ms: 365 * DAY_MS },
] as const;
/** What the dashboard sends (frontend get-metric.ts): the server averages down to this many buckets per series. */
const DASHBOARD_MAX_POINTS = 400;
const WARM_UP = 5;
export const TIMED_REQUESTS = 50;

export interface ChartRequest {
  range: (typeof CHART_RANGES)[number];
  kind: 'counter' | 'gauge';
  metric: string;
  object: string;
}

export interface ChartTiming extends ChartRequest {
  p50: number;
  p95: number;
  max: number;
  /** Buckets the one series came back with (the same on every request). */
  points: number;
  stepSeconds: number;
}

/**
 * Times chart requests as the dashboard sends them, over HTTP to the app (listening on loopback, logged in as the
 * bench user): `GET /api/instances/:id/metrics?metric&object&from&to&maxPoints`, `to` = now at each request.
 * Requests take turns across `requests` so a busy moment of the shared machine hits all of them alike.
 */
export async function timeCharts(bench: BenchApp, requests: readonly ChartRequest[]): Promise<ChartTiming[]> {
  const server = bench.app.getHttpServer();
  if (!server.listening) await bench.app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
  const token = await logIn(base);
  const ask = async (request: ChartRequest) => {
    const to = Date.now();
    const query = new URLSearchParams({
      metric: request.metric,
      object: request.object,
      from: new Date(to - request.range.ms).toISOString(),
      to: new Date(to).toISOString(),
      maxPoints: String(DASHBOARD_MAX_POINTS),
    });
    const start = performance.now();
    const response = await fetch(`${base}/instances/${bench.instanceId}/metrics?${query}`, { headers: { authorization: `Bearer ${token}` } });
    const body = (await response.json()) as { stepSeconds: number; series: Array<{ points: unknown[] }> };
    const ms = performance.now() - start;
    if (response.status !== 200) throw new Error(`chart ${request.metric} over ${request.range.label}: ${response.status} ${JSON.stringify(body)}`);
    return { ms, points: body.series.reduce((total, series) => total + series.points.length, 0), stepSeconds: body.stepSeconds };
  };
  for (let round = 0; round < WARM_UP; round++) for (const request of requests) await ask(request);
  const samples = requests.map(() => ({ ms: [] as number[], points: 0, stepSeconds: 0 }));
  for (let round = 0; round < TIMED_REQUESTS; round++) {
    for (const [index, request] of requests.entries()) {
      const { ms, points, stepSeconds } = await ask(request);
      const own = samples[index]!;
      own.ms.push(ms);
      own.points = points;
      own.stepSeconds = stepSeconds;
    }
  }
  return requests.map((request, index) => {
    const { ms, points, stepSeconds } = samples[index]!;
    return { ...request, p50: median(ms), p95: percentile(ms, 0.95), max: Math.max(...ms), points, stepSeconds };
  });
}

async function logIn(base: string): Promise<string> {
  const response = await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(BENCH_USER) });
  const body = (await response.json()) as { accessToken?: string };
  if (response.status !== 200 || !body.accessToken) throw new Error(`bench login: ${response.status} ${JSON.stringify(body)}`);
  return body.accessToken;
}

/** Nearest-rank percentile. */
function percentile(values: readonly number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(share * sorted.length) - 1)]!;
}
