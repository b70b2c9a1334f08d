/**
 * What one series costs the app's heap: the state MetricsStore keeps per series (built with the store's own code:
 * `addSeries` into an instance's series, with its numbers set) and, once it wrote a point, its open rollup buckets. For
 * the names the load benchmark's `databases` collector produces.
 *
 *   pnpm build && node --expose-gc backend/bench/load/series-memory.mjs [series, default 640000]
 *
 * Each measurement runs in a process of its own: a heap that held the other's objects would blur the figure.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const dist = (file) => pathToFileURL(path.resolve(HERE, '..', '..', 'dist', 'metrics', file)).href;
const { RollupAccumulators } = await import(dist('rollups.js'));
const { addSeries, emptyInstanceSeries } = await import(dist('ingest.js'));

if (typeof global.gc !== 'function') {
  console.error('run with node --expose-gc');
  process.exit(2);
}
const count = Number(process.argv[2] ?? 640_000);
const METRICS_PER_DATABASE = 16;
const heapUsed = () => {
  global.gc();
  global.gc();
  // Typed arrays keep their numbers outside the JS heap: counted too.
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
};

function build(withRollups) {
  const before = heapUsed();
  const series = emptyInstanceSeries();
  const rollups = new RollupAccumulators();
  const closed = new Map();
  const at = Date.now();
  for (let index = 0; index < count; index++) {
    const metric = `databases.metric_${index % METRICS_PER_DATABASE}`;
    const object = `inspector_bench_${Math.floor(index / METRICS_PER_DATABASE)}`;
    const state = addSeries(series, 'databases', metric, object, 'counter');
    state.id = index + 1;
    state.rawAt = at;
    state.rawValue = index;
    state.storedAt = at;
    state.storedValue = 0.5;
    if (withRollups) rollups.add(state.id, at, { value: 0.5, delta: 3 }, closed);
  }
  const bytes = heapUsed() - before;
  // Still referenced here, so the measurement above could not collect them.
  return { bytes, held: series.byCollector.size + rollups.seriesIds().size };
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
