/**
 * What the benchmark watches while the app runs: the app process (CPU, RSS, run queue) every second, the
 * monitoring connections every 5 s, and every collector run through the status endpoint.
 */
import os from 'node:os';
import { api } from './app.mjs';
import { MONITORED_RE } from './postgres.mjs';
import { machineTicks, procRssMiB, procSchedNs, procTimes } from './proc.mjs';
import { sleep } from './stats.mjs';

/** Samples the app process every second until the signal aborts or the app exits. */
export function sampleProcess(app, signal) {
  const samples = []; // { t, cpu (% of one core), rss MiB, machine busy %, runQueue %, load }
  const done = (async () => {
    let last = { t: performance.now(), cpu: procTimes(app.pid), machine: machineTicks(), sched: procSchedNs(app.pid) };
    while (!signal.aborted && !app.exited) {
      await sleep(1_000, signal);
      if (app.exited) break;
      try {
        const now = { t: performance.now(), cpu: procTimes(app.pid), machine: machineTicks(), sched: procSchedNs(app.pid) };
        const seconds = (now.t - last.t) / 1000;
        const machineTotal = now.machine.total - last.machine.total;
        samples.push({
          t: now.t,
          cpu: ((now.cpu - last.cpu) / seconds) * 100,
          rss: procRssMiB(app.pid),
          machine: machineTotal > 0 ? (1 - (now.machine.idle - last.machine.idle) / machineTotal) * 100 : NaN,
          // Share of wall time the event-loop thread was runnable but had no CPU: other processes crowding it out.
          runQueue: ((now.sched.waiting - last.sched.waiting) / 1e6 / (now.t - last.t)) * 100,
          load: os.loadavg()[0],
        });
        last = now;
      } catch {
        break; // the process is gone
      }
    }
  })();
  return { samples, done };
}

/**
 * Several replicas sampled as one: each second's CPU and RSS summed over the processes (one app's figures when there
 * is one), the run queue of the most crowded one; `perApp` keeps each process's own samples.
 */
export function sampleProcesses(apps, signal) {
  const perApp = apps.map((app) => sampleProcess(app, signal));
  const combined = {
    get samples() {
      const length = Math.min(...perApp.map((sampler) => sampler.samples.length));
      return Array.from({ length }, (_, index) => {
        const all = perApp.map((sampler) => sampler.samples[index]);
        return {
          ...all[0],
          cpu: all.reduce((sum, sample) => sum + sample.cpu, 0),
          rss: all.reduce((sum, sample) => sum + sample.rss, 0),
          runQueue: Math.max(...all.map((sample) => sample.runQueue)),
        };
      });
    },
    perApp: perApp.map((sampler) => sampler.samples),
    done: Promise.all(perApp.map((sampler) => sampler.done)),
  };
  return combined;
}

/** pg_stat_activity rows of the app's monitoring connections to the benchmark databases, summed over the servers. */
export async function countConnections(clients) {
  const counts = await Promise.all(
    clients.map(async (client) => {
      const { rows } = await client.query(
        `SELECT count(*) FILTER (WHERE application_name = 'inspector' AND datname ~ $1)::int AS total FROM pg_stat_activity`,
        [MONITORED_RE],
      );
      return rows[0].total;
    }),
  );
  return { t: performance.now(), total: counts.reduce((sum, count) => sum + count, 0) };
}

export function sampleConnections(clients, signal, notes) {
  const samples = [];
  const done = (async () => {
    while (!signal.aborted) {
      try {
        samples.push(await countConnections(clients));
      } catch (error) {
        notes.push(`connection count query failed: ${error.message}`);
      }
      await sleep(5_000, signal);
    }
  })();
  return { samples, done };
}

/**
 * Polls every instance's status round-robin, each instance every `everyMs`, and records every distinct run
 * (lastRunAt) of every collector. `everyMs` is shorter than any collector can take to run again, so no run goes
 * unseen unless polls fall behind; figures.mjs leaves out the gaps where they did.
 */
export class StatusPoller {
  /** @type {Map<string, Map<number, { durationMs: number | null, status: string, error: string | null }>>} instance\0collector → lastRunAt ms → run */
  runs = new Map();
  /** @type {Map<string, number[]>} instance → epoch ms of each answered poll */
  polls = new Map();
  latest = new Map();
  stats = { sent: 0, failed: 0, latencies: [], skipped: 0, errors: [] };

  constructor(app, token, instanceIds, everyMs) {
    this.app = app;
    this.token = token;
    this.instanceIds = instanceIds;
    this.everyMs = everyMs;
  }

  start(signal) {
    this.done = (async () => {
      const gap = this.everyMs / this.instanceIds.length;
      const inFlight = new Set();
      let next = performance.now();
      for (let index = 0; !signal.aborted && !this.app.exited; index++) {
        if (inFlight.size >= 32) {
          this.stats.skipped += 1; // the app is too slow to answer: figures.mjs accounts for the longer gap
        } else {
          const request = this.#poll(this.instanceIds[index % this.instanceIds.length]).finally(() => inFlight.delete(request));
          inFlight.add(request);
        }
        next += gap;
        await sleep(Math.max(0, next - performance.now()), signal);
      }
      await Promise.allSettled([...inFlight]);
    })();
  }

  /** How many instances have run every collector at least once. */
  ready() {
    return this.instanceIds.filter((id) => this.latest.get(id)?.collectors.every((collector) => collector.status !== 'never')).length;
  }

  runsSince(epochMs) {
    return [...this.runs.values()].reduce((sum, seen) => sum + [...seen.keys()].filter((at) => at >= epochMs).length, 0);
  }

  async #poll(id) {
    const sentAt = Date.now();
    const t = performance.now();
    this.stats.sent += 1;
    try {
      const result = await api(this.app, 'GET', `/api/instances/${id}/status`, { token: this.token, timeoutMs: 20_000 });
      this.stats.latencies.push({ t, ms: performance.now() - t });
      if (!result.ok) {
        this.#failed(`${result.status} ${result.text.slice(0, 200)}`);
        return;
      }
      this.latest.set(id, result.json);
      const times = this.polls.get(id) ?? [];
      times.push(sentAt);
      this.polls.set(id, times);
      for (const collector of result.json.collectors) {
        if (!collector.lastRunAt) continue;
        const key = `${id}\u0000${collector.collectorId}`;
        const seen = this.runs.get(key) ?? new Map();
        const at = Date.parse(collector.lastRunAt);
        if (!seen.has(at)) seen.set(at, { durationMs: collector.durationMs, status: collector.status, error: collector.error });
        this.runs.set(key, seen);
      }
    } catch (error) {
      this.#failed(String(error.message));
    }
  }

  #failed(message) {
    this.stats.failed += 1;
    if (this.stats.errors.length < 5) this.stats.errors.push(message);
  }
}
