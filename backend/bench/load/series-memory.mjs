/**
 * What one series costs the app's heap: the state MetricsStore keeps per series (a SeriesState object, its key in the
 * instance's map, its slot in the per-collector list) and, once it wrote a point, its open rollup buckets (one row per
 * tier). Built with the shapes the store uses, for the names the load benchmark's `databases` collector produces.
 *
 *   pnpm build && node --expose-gc backend/bench/load/series-memory.mjs [series, default 640000]
 *
 * Each measurement runs in a process of its own: a heap that held the other's objects would blur the figure.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const { RollupAccumulators } = await import(pathToFileURL(path.resolve(HERE, '..', '..', 'dist', 'metrics', 'rollups.js')).href);

if (typeof global.gc !== 'function') {
  console.error('run with node --expose-gc');
  process.exit(2);
}
const count = Number(process.argv[2] ?? 640_000);
const METRICS_PER_DATABASE = 16;
const heapUsed = () => {
  global.gc();
  global.gc();
  return process.memoryUsage().heapUsed;
};

function build(withRollups) {
  const before = heapUsed();
  const byKey = new Map();
  const own = [];
  const rollups = new RollupAccumulators();
  const closed = new Map();
  const at = Date.now();
  for (let index = 0; index < count; index++) {
    const metric = `databases.metric_${index % METRICS_PER_DATABASE}`;
    const object = `inspector_bench_${Math.floor(index / METRICS_PER_DATABASE)}`;
    const state = { id: index + 1, collector: 'databases', metric, object, kind: 'counter', rawAt: at, rawValue: index, storedAt: at, storedValue: 0.5 };
    byKey.set(`${metric}\u0000${object}`, state);
    own.push(state);
    if (withRollups) rollups.add(state.id, at, { value: 0.5, delta: 3 }, closed);
  }
  const bytes = heapUsed() - before;
  // Still referenced here, so the measurement above could not collect them.
  return { bytes, held: byKey.size + own.length + rollups.seriesIds().size };
}

if (process.argv[3] === 'state' || process.argv[3] === 'rollups') {
  console.log(JSON.stringify(build(process.argv[3] === 'rollups').bytes));
  process.exit(0);
}
const measure = (mode) =>
  Number(execFileSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), String(count), mode], { encoding: 'utf8' }).trim());
const stateBytes = measure('state');
const withRollups = measure('rollups');
const perSeries = (bytes) => Math.round(bytes / count);
console.log(`series: ${count.toLocaleString('en')}`);
console.log(`  series state only:            ${perSeries(stateBytes)} bytes per series, ${(stateBytes / 2 ** 20).toFixed(0)} MiB`);
console.log(`  state + open rollup buckets:  ${perSeries(withRollups)} bytes per series, ${(withRollups / 2 ** 20).toFixed(0)} MiB`);
console.log(`RESULT_JSON ${JSON.stringify({ series: count, state_bytes: perSeries(stateBytes), with_rollups_bytes: perSeries(withRollups) })}`);
