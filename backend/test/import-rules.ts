import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** One import between two source files, both relative to the source root with forward slashes. */
export interface ImportEdge {
  from: string;
  to: string;
}

/** Source files under a root, relative to it with forward slashes; specs and tests are not part of the shape. */
export function sourceFiles(root: string, dir = root): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(root, full);
    const isSource = /\.tsx?$/.test(entry.name) && !/\.(spec|test|d)\.tsx?$/.test(entry.name);
    return isSource ? [path.relative(root, full).split(path.sep).join('/')] : [];
  });
}

/** Module specifiers a file imports, statically, dynamically or through `require`. */
export function specifiersOf(file: string, text: string): string[] {
  const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
  const specifiers: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteralLike(node.moduleSpecifier))
      specifiers.push(node.moduleSpecifier.text);
    if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteralLike(node.moduleReference.expression))
      specifiers.push(node.moduleReference.expression.text);
    const isLoader =
      ts.isCallExpression(node) &&
      (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require'));
    if (isLoader && node.arguments[0] && ts.isStringLiteralLike(node.arguments[0])) specifiers.push(node.arguments[0].text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return specifiers;
}

/**
 * The file a specifier names, relative to the root, or undefined for packages. `alias` maps a prefix such as `@/`
 * to the root; without an extension the target is whichever of the usual candidates exists.
 */
export function resolveImport(from: string, specifier: string, files: ReadonlySet<string>, alias?: string): string | undefined {
  let target: string;
  if (specifier.startsWith('.')) target = path.posix.join(path.posix.dirname(from), specifier);
  else if (alias && specifier.startsWith(alias)) target = specifier.slice(alias.length);
  else return undefined;
  const candidates = [target, `${target}.ts`, `${target}.tsx`, `${target}/index.ts`, `${target}/index.tsx`];
  return candidates.find((candidate) => files.has(candidate)) ?? target;
}

/** Every import between files of the root, read from disk. */
export function importEdges(root: string, alias?: string): ImportEdge[] {
  const files = sourceFiles(root);
  const known = new Set(files);
  return files.flatMap((from) =>
    specifiersOf(from, fs.readFileSync(path.join(root, from), 'utf8'))
      .map((specifier) => resolveImport(from, specifier, known, alias))
      .filter((to): to is string => to !== undefined)
      .map((to) => ({ from, to })),
  );
}

/** The folder a file belongs to: its first path segment, or undefined for a file at the root. */
export function folderOf(file: string): string | undefined {
  const slash = file.indexOf('/');
  return slash === -1 ? undefined : file.slice(0, slash);
}

/**
 * Folder loops: each group of folders that reach one another through imports, with the imports that join them.
 * Files at the root and in `appFolders` compose the app and are left out: nothing else may import them (see
 * `appLevelImports`), so they cannot close a loop.
 */
export function folderCycles(edges: readonly ImportEdge[], appFolders: readonly string[] = []): string[][] {
  const between = edges.filter((edge) => {
    const [from, to] = [folderOf(edge.from), folderOf(edge.to)];
    return from !== undefined && to !== undefined && from !== to && !appFolders.includes(from) && !appFolders.includes(to);
  });
  const next = new Map<string, Set<string>>();
  for (const edge of between) {
    const from = folderOf(edge.from)!;
    next.set(from, (next.get(from) ?? new Set()).add(folderOf(edge.to)!));
  }
  return stronglyConnected(next)
    .filter((group) => group.length > 1)
    .map((group) =>
      between
        .filter((edge) => group.includes(folderOf(edge.from)!) && group.includes(folderOf(edge.to)!))
        .map((edge) => `${edge.from} imports ${edge.to}`)
        .filter((line, index, lines) => lines.indexOf(line) === index)
        .sort(),
    );
}

/** Imports of the app level (root files and `appFolders`) from anywhere below it. */
export function appLevelImports(edges: readonly ImportEdge[], appFolders: readonly string[] = []): string[] {
  const isApp = (file: string) => {
    const folder = folderOf(file);
    return folder === undefined || appFolders.includes(folder);
  };
  return edges.filter((edge) => !isApp(edge.from) && isApp(edge.to)).map((edge) => `${edge.from} imports ${edge.to}`);
}

/** Imports from a folder into any other: a leaf folder has none. */
export function importsLeaving(edges: readonly ImportEdge[], folder: string): string[] {
  return edges.filter((edge) => folderOf(edge.from) === folder && folderOf(edge.to) !== folder).map((edge) => `${edge.from} imports ${edge.to}`);
}

/** Tarjan's algorithm: the strongly connected components of a directed graph. */
function stronglyConnected(next: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const target of next.get(node) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(node, Math.min(low.get(node)!, low.get(target)!));
      } else if (onStack.has(target)) low.set(node, Math.min(low.get(node)!, index.get(target)!));
    }
    if (low.get(node) !== index.get(node)) return;
    const group: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      group.push(member);
    } while (member !== node);
    groups.push(group.sort());
  };
  for (const node of next.keys()) if (!index.has(node)) visit(node);
  return groups;
}

/** The SPA's layers, lowest first: a file may import its own layer or a lower one. */
const SPA_LAYERS = ['shared', 'features', 'app'] as const;
type SpaLayer = (typeof SPA_LAYERS)[number];

/** Test support (`testing/`, `*.test.tsx`) mounts the whole app and sits outside the layers. */
function spaLayerOf(file: string): SpaLayer | undefined {
  if (file.startsWith('testing/')) return undefined;
  if (file.startsWith('app/') || folderOf(file) === undefined) return 'app';
  if (file.startsWith('features/')) return 'features';
  return 'shared';
}

/** Imports that go up the SPA's app → features → shared order, or from one feature into another. */
export function spaLayerViolations(edges: readonly ImportEdge[]): string[] {
  return edges
    .filter((edge) => {
      const [from, to] = [spaLayerOf(edge.from), spaLayerOf(edge.to)];
      if (from === undefined || to === undefined) return false;
      if (SPA_LAYERS.indexOf(to) > SPA_LAYERS.indexOf(from)) return true;
      return from === 'features' && to === 'features' && edge.from.split('/')[1] !== edge.to.split('/')[1];
    })
    .map((edge) => `${edge.from} imports ${edge.to}`);
}
