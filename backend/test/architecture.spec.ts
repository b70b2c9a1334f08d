import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appLevelImports, folderCycles, type ImportEdge, importEdges, importsLeaving, spaLayerViolations } from './import-rules';
import { roleSuffixViolations, sourceFiles } from './naming-rules';

const BACKEND_SRC = path.resolve(__dirname, '../src');
const FRONTEND_SRC = path.resolve(__dirname, '../../frontend/src');
/** The command-line commands boot the app context the way main.ts boots the server: they are app level too. */
const BACKEND_APP_FOLDERS = ['cli'];

const edges = (...pairs: Array<[string, string]>): ImportEdge[] => pairs.map(([from, to]) => ({ from, to }));

describe('backend folders', () => {
  const backend = importEdges(BACKEND_SRC);

  it('import one another without a loop', () => {
    expect(folderCycles(backend, BACKEND_APP_FOLDERS)).toEqual([]);
  });

  it('never import the app level (main, app module, factory, command line)', () => {
    expect(appLevelImports(backend, BACKEND_APP_FOLDERS)).toEqual([]);
  });

  it('keep access (principal, route decorators, access policy) a leaf that every feature may import', () => {
    expect(importsLeaving(backend, 'access')).toEqual([]);
  });
});

describe('backend names', () => {
  it('say a file’s role twice: x.service.ts exports a …Service, x.scheduler.ts a …Scheduler, x.store.ts a …Store', () => {
    expect(roleSuffixViolations(sourceFiles(BACKEND_SRC))).toEqual([]);
  });

  it('the check names a class whose name hides its file’s role', () => {
    expect(
      roleSuffixViolations([
        { file: 'notifiers/delivery-retention.service.ts', source: 'export class DeliveryRetention {}\nexport class DeliveryRetentionService {}' },
        { file: 'instances/instance-directory.ts', source: 'export class InstanceDirectory {}' },
      ]),
    ).toEqual([{ file: 'notifiers/delivery-retention.service.ts', exported: 'DeliveryRetention', expectedSuffix: 'Service' }]);
  });
});

describe('SPA layers', () => {
  it('import only downwards, app → features → shared, and no feature imports another', () => {
    expect(spaLayerViolations(importEdges(FRONTEND_SRC, '@/'))).toEqual([]);
  });
});

describe('the import checks', () => {
  it('report a folder loop with every import that closes it', () => {
    const loop = edges(
      ['auth/auth.service.ts', 'users/users.service.ts'],
      ['users/users.service.ts', 'audit/audit.service.ts'],
      ['audit/audit.service.ts', 'auth/principal.ts'],
      ['users/users.service.ts', 'crypto/secret.ts'],
    );
    expect(folderCycles(loop)).toEqual([
      [
        'audit/audit.service.ts imports auth/principal.ts',
        'auth/auth.service.ts imports users/users.service.ts',
        'users/users.service.ts imports audit/audit.service.ts',
      ],
    ]);
  });

  it('read the imports of real files, static and dynamic, through folders and index files', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'import-rules-'));
    const write = (file: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      fs.writeFileSync(path.join(root, file), text);
    };
    write('auth/auth.service.ts', "import { UsersService } from '../users';\nexport class AuthService {}\n");
    write('users/index.ts', "export { UsersService } from './users.service';\n");
    write('users/users.service.ts', "export class UsersService {\n  async auth() {\n    return import('../auth/auth.service');\n  }\n}\n");
    write('users/users.service.spec.ts', "import { AuthService } from '../auth/auth.service';\n");
    try {
      expect(folderCycles(importEdges(root))).toEqual([['auth/auth.service.ts imports users/index.ts', 'users/users.service.ts imports auth/auth.service.ts']]);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('report each loop apart and pass a graph that only flows one way', () => {
    const twoLoops = edges(['a/x.ts', 'b/x.ts'], ['b/y.ts', 'a/y.ts'], ['c/x.ts', 'd/x.ts'], ['d/x.ts', 'c/z.ts'], ['b/x.ts', 'c/x.ts']);
    expect(folderCycles(twoLoops)).toHaveLength(2);
    expect(folderCycles(edges(['a/x.ts', 'b/x.ts'], ['b/x.ts', 'c/x.ts'], ['a/x.ts', 'c/x.ts'], ['a/x.ts', 'a/y.ts']))).toEqual([]);
  });

  it('notice a leaf folder that starts importing another', () => {
    expect(
      importsLeaving(edges(['access/principal.ts', 'users/role-assignment.entity.ts'], ['access/decorators.ts', 'access/principal.ts']), 'access'),
    ).toEqual(['access/principal.ts imports users/role-assignment.entity.ts']);
  });

  it('let the app level import anything but nothing import it', () => {
    const graph = edges(['app.module.ts', 'users/users.module.ts'], ['cli/user-commands.ts', 'app.factory.ts'], ['health/health.service.ts', 'version.ts']);
    expect(folderCycles(graph, ['cli'])).toEqual([]);
    expect(appLevelImports(graph, ['cli'])).toEqual(['health/health.service.ts imports version.ts']);
  });

  it('find an upward or cross-feature import in the SPA, and allow test support to mount the app', () => {
    const graph = edges(
      ['components/ui/Field.tsx', 'features/auth/api/login.ts'],
      ['lib/auth.tsx', 'app/provider.tsx'],
      ['features/instances/components/List.tsx', 'app/guards.tsx'],
      ['features/instances/components/List.tsx', 'features/monitoring/api/get-activity.ts'],
      ['features/instances/components/List.tsx', 'features/instances/api/get-instances.ts'],
      ['app/router.tsx', 'features/instances/components/List.tsx'],
      ['testing/render-app.tsx', 'app/router.tsx'],
    );
    expect(spaLayerViolations(graph)).toEqual([
      'components/ui/Field.tsx imports features/auth/api/login.ts',
      'lib/auth.tsx imports app/provider.tsx',
      'features/instances/components/List.tsx imports app/guards.tsx',
      'features/instances/components/List.tsx imports features/monitoring/api/get-activity.ts',
    ]);
  });
});
