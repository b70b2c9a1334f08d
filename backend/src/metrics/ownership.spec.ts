import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(__dirname, '..');
const OWNER = 'metrics/';
/** The app-level entity list registers every table with TypeORM; it only names the classes. */
const ENTITY_LIST = 'entities.ts';
/** Migrations create and reshape the tables; they are written per dialect and never run as queries of the app. */
const MIGRATIONS = 'storage/migrations/';

/** Every non-spec source file, relative to src with forward slashes. */
function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') && !entry.name.endsWith('.d.ts')
      ? [path.relative(SRC, full).split(path.sep).join('/')]
      : [];
  });
}

/** The collected-data entities are whatever the metrics module declares: a new table there is owned without editing this test. */
const OWNED_ENTITIES = sourceFiles(SRC).filter((file) => file.startsWith(OWNER) && file.endsWith('.entity.ts'));
const OWNED_TABLES = OWNED_ENTITIES.flatMap((file) =>
  [...fs.readFileSync(path.join(SRC, file), 'utf8').matchAll(/@Entity\(\s*'([a-z0-9_]+)'/g)].map((match) => match[1]!),
);

/** Module specifiers imported by a file, static or dynamic, resolved to paths relative to src. */
function importsOf(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const specifiers: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteralLike(node.moduleSpecifier))
      specifiers.push(node.moduleSpecifier.text);
    if (
      ts.isCallExpression(node) &&
      (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require')) &&
      node.arguments[0] &&
      ts.isStringLiteralLike(node.arguments[0])
    )
      specifiers.push(node.arguments[0].text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return specifiers.filter((specifier) => specifier.startsWith('.')).map((specifier) => `${path.posix.join(path.posix.dirname(file), specifier)}.ts`);
}

/** Where a file outside the owner reaches collected data directly: an entity import, or SQL naming one of its tables. */
function violations(file: string, text: string): string[] {
  if (file.startsWith(OWNER) || file.startsWith(MIGRATIONS)) return [];
  // Reaching into src/metrics/ from elsewhere takes a specifier through `metrics/`: only those files need parsing.
  const found =
    file === ENTITY_LIST || !text.includes('metrics/')
      ? []
      : importsOf(file, text)
          .filter((target) => OWNED_ENTITIES.includes(target))
          .map((target) => `${file} imports ${target}`);
  for (const table of OWNED_TABLES) {
    if (new RegExp(`\\b(from|join|into|update|table)\\s+["\`]?${table}\\b`, 'i').test(text)) found.push(`${file} queries ${table}`);
  }
  return found;
}

describe('collected data', () => {
  it('is reached only through the metrics module: no entity import or SQL on its tables elsewhere in src', () => {
    expect(OWNED_TABLES).toEqual(
      expect.arrayContaining(['metric_series', 'metric_point', 'metric_rollup_5m', 'metric_rollup_1h', 'collector_coverage', 'snapshot', 'collector_status']),
    );
    const found = sourceFiles(SRC).flatMap((file) => violations(file, fs.readFileSync(path.join(SRC, file), 'utf8')));
    expect(found).toEqual([]);
  });

  it('notices a reader however it reaches the tables', () => {
    expect(violations('monitoring/probe.ts', "import { SnapshotEntity } from '../metrics/snapshot.entity';")).toEqual([
      'monitoring/probe.ts imports metrics/snapshot.entity.ts',
    ]);
    expect(violations('monitoring/probe.ts', "const m = await import('../metrics/metric-point.entity');")).toEqual([
      'monitoring/probe.ts imports metrics/metric-point.entity.ts',
    ]);
    expect(violations('analyzers/probe.ts', 'dataSource.query(`SELECT value FROM "metric_point" WHERE at > $1`)')).toEqual([
      'analyzers/probe.ts queries metric_point',
    ]);
    expect(violations('entities.ts', "import { SnapshotEntity } from './metrics/snapshot.entity';")).toEqual([]);
    expect(violations('metrics/metrics.reader.ts', "import { SnapshotEntity } from './snapshot.entity';")).toEqual([]);
  });
});
