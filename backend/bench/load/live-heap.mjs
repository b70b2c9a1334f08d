/**
 * A diagnostic preload for the benchmark's app, for the question RSS cannot answer: does the live data keep growing?
 * Every 30 s it runs a full garbage collection and appends one JSON line (seconds since start, heap used after that
 * collection, RSS, array buffers; MiB) to the file named by LIVE_HEAP_LOG. The forced collections pause the app, so
 * the run's latency figures do not count; use it on its own run:
 *
 *   LIVE_HEAP_LOG=/tmp/live-heap.jsonl BENCH_APP_NODE_OPTIONS="--import $PWD/bench/load/live-heap.mjs" \
 *     pnpm bench:load --minutes 12 --users-seconds 20
 */
import fs from 'node:fs';
import v8 from 'node:v8';
import vm from 'node:vm';

const file = process.env.LIVE_HEAP_LOG;
if (file) {
  v8.setFlagsFromString('--expose-gc');
  const collectGarbage = vm.runInNewContext('gc');
  const started = Date.now();
  const mib = (bytes) => Math.round(bytes / 1_048_576);
  fs.writeFileSync(file, '');
  setInterval(() => {
    collectGarbage();
    const memory = process.memoryUsage();
    const line = {
      s: Math.round((Date.now() - started) / 1000),
      heapUsedMiB: mib(memory.heapUsed),
      rssMiB: mib(memory.rss),
      arrayBuffersMiB: mib(memory.arrayBuffers),
    };
    fs.appendFileSync(file, `${JSON.stringify(line)}\n`);
  }, 30_000).unref();
}
