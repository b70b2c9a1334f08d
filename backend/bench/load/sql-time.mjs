/**
 * A diagnostic preload for the benchmark's app, for the question a CPU profile cannot answer on SQLite storage: which
 * statements the time under better-sqlite3 went to (the profile shows all of it as TypeORM's `query`, whose callers
 * the awaits in between hide). It times every call of a prepared statement and, every 20 s, appends one JSON line to
 * the file named by SQL_TIME_LOG: seconds since the app started and, per statement text (lists of `?` shortened),
 * the calls and microseconds of those 20 s, largest first. The timing adds a little to every statement, so the run's
 * latency figures are not comparable with runs without it; the statements' times are, with each other:
 *
 *   SQL_TIME_LOG=/tmp/sql-time.jsonl BENCH_APP_NODE_OPTIONS="--import $PWD/bench/load/sql-time.mjs" \
 *     pnpm bench:load --minutes 10 --users-seconds 60
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';

const file = process.env.SQL_TIME_LOG;
const WINDOW_MS = 20_000;

if (file) {
  // The app's own copy: the same module instance as the one TypeORM loads.
  const Database = createRequire(import.meta.url)('better-sqlite3');
  let window = new Map();
  const record = (source, micros) => {
    const text = source
      .replace(/\s+/g, ' ')
      .replace(/\?(, \?)+/g, '?…')
      .slice(0, 160);
    const entry = window.get(text) ?? { calls: 0, us: 0 };
    entry.calls += 1;
    entry.us += micros;
    window.set(text, entry);
  };
  const timed = new WeakSet();
  const prepare = Database.prototype.prepare;
  Database.prototype.prepare = function timedPrepare(...args) {
    const statement = prepare.apply(this, args);
    const prototype = Object.getPrototypeOf(statement);
    if (!timed.has(prototype)) {
      timed.add(prototype);
      for (const method of ['all', 'get', 'run', 'iterate']) {
        const original = prototype[method];
        prototype[method] = function timedCall(...callArgs) {
          const started = process.hrtime.bigint();
          try {
            return original.apply(this, callArgs);
          } finally {
            record(this.source, Number(process.hrtime.bigint() - started) / 1000);
          }
        };
      }
    }
    return statement;
  };
  fs.writeFileSync(file, '');
  setInterval(() => {
    const statements = [...window].sort((a, b) => b[1].us - a[1].us).map(([sql, { calls, us }]) => ({ sql, calls, us: Math.round(us) }));
    window = new Map();
    fs.appendFileSync(file, `${JSON.stringify({ s: Math.round(process.uptime()), statements })}\n`);
  }, WINDOW_MS).unref();
}
