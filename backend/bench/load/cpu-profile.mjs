/**
 * Where the app's CPU time went, from the .cpuprofile that `--cpu-prof` makes node write: self time grouped by
 * package (a dependency, a folder of the app's own code, node internals, GC) and the top functions. The profile
 * covers the app's whole life: setup and warm-up included.
 */
import fs from 'node:fs';
import path from 'node:path';

/** Whose code a script is (a dependency, a folder of the app, node itself) and the file within it. */
function owner(url, functionName) {
  if (!url) return { who: functionName.startsWith('(') ? functionName : '(native)', file: '' };
  const dependency = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)\/(.*)/.exec(url);
  if (dependency) return { who: dependency[1], file: `${dependency[1]}/${dependency[2]}` };
  const own = /\/backend\/dist\/(([^/]+).*)/.exec(url);
  if (own) return { who: `app ${own[2].replace(/\.js$/, '')}`, file: own[1] };
  if (url.startsWith('node:')) return { who: 'node internals', file: url };
  return { who: path.basename(url), file: path.basename(url) };
}

/**
 * `window` ({ label, fromUs, toUs } on the monotonic clock that `process.hrtime` and V8's sample times share) keeps
 * only the samples taken in it: a phase of the run rather than its whole life.
 */
export function summarizeProfile(file, top = 15, window = null) {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map();
  let sampledAt = profile.startTime;
  profile.samples.forEach((id, index) => {
    const deltaUs = profile.timeDeltas[index] ?? 0;
    sampledAt += deltaUs;
    if (window && (sampledAt < window.fromUs || sampledAt > window.toUs)) return;
    selfUs.set(id, (selfUs.get(id) ?? 0) + deltaUs);
  });
  const totalUs = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const idleUs = [...selfUs].filter(([id]) => byId.get(id).callFrame.functionName === '(idle)').reduce((a, [, us]) => a + us, 0);
  const busyUs = totalUs - idleUs;
  const byOwner = new Map();
  const byFunction = new Map();
  for (const [id, us] of selfUs) {
    const { functionName, url, lineNumber } = byId.get(id).callFrame;
    if (functionName === '(idle)') continue;
    const { who, file } = owner(url, functionName);
    byOwner.set(who, (byOwner.get(who) ?? 0) + us);
    const key = `${functionName || '(anonymous)'}${file ? ` ${file}:${lineNumber + 1}` : ''}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + us);
  }
  const share = (us) => `${((us / busyUs) * 100).toFixed(1).padStart(5)} %`;
  const rank = (map) => [...map].sort((a, b) => b[1] - a[1]).slice(0, top);
  const lines = [
    `App CPU profile (${path.basename(file)}${window ? `, ${window.label} only` : ''}): busy ${(busyUs / 1e6).toFixed(1)} s of ${(totalUs / 1e6).toFixed(1)} s on the main thread; self time, share of busy:`,
  ];
  lines.push('  by package or app folder:');
  for (const [who, us] of rank(byOwner)) lines.push(`    ${share(us)}  ${who}`);
  // better-sqlite3 runs each statement synchronously: SQLite's own time shows as the JS function that called it.
  lines.push('  top functions (SQLite time shows as the caller of better-sqlite3, it runs synchronously):');
  for (const [key, us] of rank(byFunction)) lines.push(`    ${share(us)}  ${key}`);
  return lines.join('\n');
}

/** The newest .cpuprofile in a directory. */
export function newestProfile(dir) {
  const files = fs.readdirSync(dir).filter((name) => name.endsWith('.cpuprofile'));
  const newest = files.map((name) => path.join(dir, name)).sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0];
  return newest ?? null;
}

/** What one sample's time belongs to: the nearest frame of the app's own code, else the leaf's package or V8's state. */
function sampleOwners(profile) {
  const parentOf = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const memo = new Map();
  return (id) => {
    if (memo.has(id)) return memo.get(id);
    const leaf = byId.get(id).callFrame;
    let label = owner(leaf.url, leaf.functionName).who;
    for (let at = id; at !== undefined; at = parentOf.get(at)) {
      const { url, functionName } = byId.get(at).callFrame;
      const { who, file } = owner(url, functionName);
      if (who.startsWith('app ')) {
        label = `app ${file.replace(/\.js$/, '')}`;
        break;
      }
    }
    memo.set(id, label);
    return label;
  };
}

/**
 * What the main thread did while the slow requests waited (`windows`: { fromUs, toUs, ms } per request on the
 * profile's clock), next to the whole phase: the work that lines up with a slow answer is what holds the tail up.
 */
export function slowRequestsProfile(file, windows, thresholdMs, phase, top = 15) {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
  const ownerOf = sampleOwners(profile);
  const slow = windows.filter((window) => window.ms > thresholdMs).sort((a, b) => a.fromUs - b.fromUs);
  const merged = [];
  for (const window of slow) {
    const last = merged.at(-1);
    if (last && window.fromUs <= last.toUs) last.toUs = Math.max(last.toUs, window.toUs);
    else merged.push({ fromUs: window.fromUs, toUs: window.toUs });
  }
  const inSlow = (us) => {
    let low = 0;
    let high = merged.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (us < merged[middle].fromUs) high = middle - 1;
      else if (us > merged[middle].toUs) low = middle + 1;
      else return true;
    }
    return false;
  };
  const during = new Map();
  const overall = new Map();
  let duringUs = 0;
  let overallUs = 0;
  let sampledAt = profile.startTime;
  profile.samples.forEach((id, index) => {
    const deltaUs = profile.timeDeltas[index] ?? 0;
    sampledAt += deltaUs;
    if (sampledAt < phase.fromUs || sampledAt > phase.toUs) return;
    const label = ownerOf(id);
    overall.set(label, (overall.get(label) ?? 0) + deltaUs);
    overallUs += deltaUs;
    if (!inSlow(sampledAt)) return;
    during.set(label, (during.get(label) ?? 0) + deltaUs);
    duringUs += deltaUs;
  });
  const pct = (us, total) => `${((us / Math.max(1, total)) * 100).toFixed(1).padStart(5)} %`;
  const lines = [
    `Slow requests (over ${thresholdMs} ms): ${slow.length} of ${windows.length}; they waited through ${(duringUs / 1e6).toFixed(1)} s of the ${(overallUs / 1e6).toFixed(1)} s of ${phase.label}.`,
    '  main thread time by nearest app file (else package), while slow requests waited | over the whole phase:',
  ];
  for (const [label, us] of [...during].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    lines.push(`    ${pct(us, duringUs)} | ${pct(overall.get(label) ?? 0, overallUs)}  ${label}`);
  }
  return lines.join('\n');
}
