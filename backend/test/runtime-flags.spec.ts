import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..', '..');
const nodeFlags = (words: string[]) => words.filter((word) => word.startsWith('--'));

describe('how the app is started', () => {
  const startScript: string = JSON.parse(fs.readFileSync(path.join(ROOT, 'backend', 'package.json'), 'utf8')).scripts.start;
  const dockerCmd = /^CMD (\[.*\])$/m.exec(fs.readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8'))?.[1];

  it('sizes the garbage collector for a server: a larger young generation, an old one kept near its live data (pnpm start)', () => {
    // With Node's default 16 MiB semi-spaces each request's objects outlive two scavenges under load and are copied
    // into the old generation, which by default may grow to several times its live data before a full collection
    // (RSS reached 1.6-2.2 GB over ~280 MiB of live heap). `pnpm bench:load` (README): 573 -> 916 requests/s, RSS
    // max 1,699 -> 913 MiB.
    expect(nodeFlags(startScript.split(/\s+/))).toEqual(expect.arrayContaining(['--max-semi-space-size=32', '--heap-growing-percent=50']));
  });

  it('starts the Docker image with the same Node flags as pnpm start', () => {
    expect(dockerCmd).toBeDefined();
    expect(nodeFlags(JSON.parse(dockerCmd!) as string[])).toEqual(nodeFlags(startScript.split(/\s+/)));
  });
});
