import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..', '..');
const nodeFlags = (words: string[]) => words.filter((word) => word.startsWith('--'));

describe('how the app is started', () => {
  const startScript: string = JSON.parse(fs.readFileSync(path.join(ROOT, 'backend', 'package.json'), 'utf8')).scripts.start;
  const dockerCmd = /^CMD (\[.*\])$/m.exec(fs.readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8'))?.[1];

  it('gives the garbage collector a young generation sized for a server (pnpm start)', () => {
    // With Node's default 16 MiB semi-spaces each request's objects outlive two scavenges under load and are copied
    // into the old generation: `pnpm bench:load` measured 573 → 753 requests/s with 32 MiB (README).
    expect(nodeFlags(startScript.split(/\s+/))).toContain('--max-semi-space-size=32');
  });

  it('starts the Docker image with the same Node flags as pnpm start', () => {
    expect(dockerCmd).toBeDefined();
    expect(nodeFlags(JSON.parse(dockerCmd!) as string[])).toEqual(nodeFlags(startScript.split(/\s+/)));
  });
});
