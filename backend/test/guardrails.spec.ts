import fs from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import * as prettier from 'prettier';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const PLANTED = path.join(ROOT, 'tools/eslint/planted');

/** The rules `pnpm lint` reports for a file, linted with the repository's own configuration. */
async function rulesBroken(file: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: ROOT, ignore: false });
  const [result] = await eslint.lintFiles([file]);
  return result!.messages.map((message) => message.ruleId ?? message.message);
}

/** What `pnpm lint` (ESLint, then Prettier's check) catches: each guardrail fails on a violation planted for it. */
describe('lint and format guardrails', { timeout: 120_000 }, () => {
  it('reports a promise nobody awaits', async () => {
    expect(await rulesBroken(path.join(PLANTED, 'floating-promise.ts'))).toContain('@typescript-eslint/no-floating-promises');
  });

  it('reports a switch that misses a case', async () => {
    expect(await rulesBroken(path.join(PLANTED, 'missed-case.ts'))).toContain('@typescript-eslint/switch-exhaustiveness-check');
  });

  it('reports a route that declares no access', async () => {
    expect(await rulesBroken(path.join(PLANTED, 'undeclared-route.controller.ts'))).toContain('inspector/route-access');
  });

  it('reports shared frontend code importing a feature, and a feature importing the app', async () => {
    const eslint = new ESLint({ cwd: ROOT });
    // Import rules need no type information: plain JavaScript at the place the rule guards.
    const [shared] = await eslint.lintText("import { x } from '@/features/monitoring/api/get-metric';\nexport const y = x;\n", {
      filePath: path.join(ROOT, 'frontend/src/components/planted.js'),
    });
    const [feature] = await eslint.lintText("import { x } from '@/app/router';\nexport const y = x;\n", {
      filePath: path.join(ROOT, 'frontend/src/features/monitoring/planted.js'),
    });
    expect(shared!.messages.map((message) => message.ruleId)).toContain('no-restricted-imports');
    expect(feature!.messages.map((message) => message.ruleId)).toContain('no-restricted-imports');
  });

  it('reports code Prettier would format differently', async () => {
    const options = { ...(await prettier.resolveConfig(path.join(ROOT, 'backend/src/main.ts'))), filepath: path.join(ROOT, 'backend/src/planted.ts') };
    expect(await prettier.check('export const planted = {a:1,\n    b:2}\n', options)).toBe(false);
    expect(
      await prettier.check(fs.readFileSync(path.join(ROOT, 'backend/src/main.ts'), 'utf8'), { ...options, filepath: path.join(ROOT, 'backend/src/main.ts') }),
    ).toBe(true);
  });
});
