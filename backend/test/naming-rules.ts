import fs from 'node:fs';
import path from 'node:path';

/**
 * A file's last dotted part before `.ts` names its role, and the classes it exports say it too: `x.service.ts`
 * exports `XService`, `x.scheduler.ts` a `…Scheduler`, `x.store.ts` a `…Store` (what owns writes), `x.reader.ts` a
 * `…Reader`, `x.worker.ts` a `…Worker`, `x.check.ts` a `…Check`, `x.controller.ts` a `…Controller`, `x.module.ts` a
 * `…Module`. Files without a role suffix (`instance-directory.ts`) are free, and so are the errors a file throws.
 */
export const ROLE_SUFFIXES = ['service', 'scheduler', 'store', 'reader', 'worker', 'check', 'controller', 'module'] as const;

export interface NamingViolation {
  file: string;
  exported: string;
  expectedSuffix: string;
}

const pascal = (role: string) => role[0]!.toUpperCase() + role.slice(1);

/** Classes exported from role-suffixed files whose names do not end with the role. */
export function roleSuffixViolations(files: ReadonlyArray<{ file: string; source: string }>): NamingViolation[] {
  return files.flatMap(({ file, source }) => {
    const role = ROLE_SUFFIXES.find((suffix) => file.endsWith(`.${suffix}.ts`));
    if (!role) return [];
    const exported = [...source.matchAll(/^export (?:abstract )?class (\w+)/gm)].map((match) => match[1]!);
    return exported
      .filter((name) => !name.endsWith(pascal(role)) && !name.endsWith('Error'))
      .map((name) => ({ file, exported: name, expectedSuffix: pascal(role) }));
  });
}

/** Every non-test TypeScript file under `root`, relative to it. */
export function sourceFiles(root: string): Array<{ file: string; source: string }> {
  return fs
    .readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.spec.ts'))
    .map((file) => ({ file, source: fs.readFileSync(path.join(root, file), 'utf8') }));
}
