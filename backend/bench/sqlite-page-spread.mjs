#!/usr/bin/env node
/**
 * What a point costs to write into SQLite as a fleet's points pile up (issue 12, the steady state of pnpm bench:load).
 * The points table is keyed by (series, time), as metric_point is: each series' points sit together, so writing one
 * point for every series changes one leaf page per series once each series has pages of its own. This writes rounds of
 * one point per series, 2,000 points per transaction as a collector run does, into a fresh WAL-mode file with the
 * app's pragmas, and prints the cost per 1,000 points as the rounds go by.
 *
 *   pnpm bench:sqlite-spread [series] [rounds]   # default 20,000 series, 200 rounds
 *
 * Writes a scratch file in the temp directory and removes it at the end; touches nothing else.
 */
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const Database = require('better-sqlite3');

const series = Number(process.argv[2] ?? 20_000);
const rounds = Number(process.argv[3] ?? 200);
const POINTS_PER_TRANSACTION = 2_000;
const INTERVAL_MS = 15_000;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inspector-page-spread-'));
const db = new Database(path.join(dir, 'points.sqlite'));
try {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE metric_point (series_id INTEGER NOT NULL, at INTEGER NOT NULL, value REAL, delta REAL, PRIMARY KEY (series_id, at)) WITHOUT ROWID');
  const insertRows = (count) => db.prepare(`INSERT INTO metric_point (series_id, at, value, delta) VALUES ${new Array(count).fill('(?, ?, ?, ?)').join(', ')}`);
  const full = insertRows(POINTS_PER_TRANSACTION);
  // A series count that is not a multiple of the transaction size writes its last, smaller transaction with its own statement.
  const remainder = series % POINTS_PER_TRANSACTION === 0 ? null : insertRows(series % POINTS_PER_TRANSACTION);
  const writeTransaction = db.transaction((parameters) => (parameters.length === POINTS_PER_TRANSACTION * 4 ? full : remainder).run(...parameters));
  const start = Date.now() - rounds * INTERVAL_MS;
  console.log(`${series} series, one point each per round, ${POINTS_PER_TRANSACTION} points per transaction`);
  console.log('round (points per series) | ms per 1,000 points | file MB');
  const figures = [];
  for (let round = 0; round < rounds; round++) {
    const at = start + round * INTERVAL_MS;
    const began = performance.now();
    for (let first = 0; first < series; first += POINTS_PER_TRANSACTION) {
      const parameters = [];
      for (let id = first; id < Math.min(first + POINTS_PER_TRANSACTION, series); id++) parameters.push(id, at, (id * 7 + round) % 100, 1);
      writeTransaction(parameters);
    }
    const perThousand = (performance.now() - began) / (series / 1_000);
    figures.push(perThousand);
    if (round % 25 === 0 || round === rounds - 1) {
      const megabytes = fs.statSync(path.join(dir, 'points.sqlite')).size / 1e6;
      console.log(`${String(round + 1).padStart(5)} | ${perThousand.toFixed(2).padStart(7)} | ${megabytes.toFixed(0).padStart(5)}`);
    }
  }
  const first = mean(figures.slice(0, 5));
  const last = mean(figures.slice(-25));
  console.log(
    `RESULT_JSON ${JSON.stringify({ series, rounds, ms_per_1000_points_first_rounds: round2(first), ms_per_1000_points_last_25_rounds: round2(last) })}`,
  );
} finally {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

function mean(values) {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function round2(value) {
  return Math.round(value * 100) / 100;
}
