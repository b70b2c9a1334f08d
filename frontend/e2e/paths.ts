import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

export const frontendDir = path.resolve(here, '..');
export const repoRoot = path.resolve(frontendDir, '..');
export const backendMain = path.join(repoRoot, 'backend', 'dist', 'main.js');
export const frontendIndex = path.join(frontendDir, 'dist', 'index.html');
/** test-output/ is git-ignored. */
export const screenshotDir = path.join(repoRoot, 'test-output', 'screenshots');

/** The e2e tests run the build, not the sources: refuse early and say how to make one. */
export function assertBuilt(): void {
  const missing = [
    [backendMain, 'backend/dist (the API)'],
    [frontendIndex, 'frontend/dist (the SPA)'],
  ]
    .filter(([file]) => !fs.existsSync(file as string))
    .map(([file, what]) => `  - ${what}: ${path.relative(repoRoot, file as string)} not found`);
  if (missing.length > 0) {
    throw new Error(
      `The end-to-end tests need a build:\n${missing.join('\n')}\n` + `Run \`pnpm build\` in ${repoRoot} first (the root \`pnpm test\` does it for you).`,
    );
  }
}
