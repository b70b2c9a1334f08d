import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { type PluginManifest, pluginManifestSchema } from '@inspector/plugin-sdk';

export const MANIFEST_FILE = 'plugin.json';
/** Plugin code is one bundled file; anything larger is more likely a mistake than a plugin. */
const MAX_CODE_BYTES = 5 * 1024 * 1024;
const MAX_MANIFEST_BYTES = 256 * 1024;

/** A plugin folder whose manifest validates: exactly what an approval covers, code text included. */
export interface ValidPlugin {
  valid: true;
  name: string;
  folder: string;
  manifest: PluginManifest;
  /** The code read at discovery: the sandbox runs this text, never a later read of the file. */
  code: string;
  codeFile: string;
  manifestHash: string;
}

export interface InvalidPlugin {
  valid: false;
  name: string;
  folder: string;
  problem: string;
}

export type DiscoveredPlugin = ValidPlugin | InvalidPlugin;

/**
 * Plugins in PLUGIN_FOLDERS. Each configured path is a plugin folder (it holds plugin.json) or a folder of plugin
 * folders. Reading never runs plugin code; a broken plugin is listed with its problem rather than failing the rest.
 */
export async function discoverPlugins(roots: readonly string[]): Promise<DiscoveredPlugin[]> {
  const folders: string[] = [];
  for (const root of roots) folders.push(...(await pluginFoldersUnder(root)));
  const found: DiscoveredPlugin[] = [];
  const seen = new Map<string, string>();
  for (const folder of folders) {
    const plugin = await readPlugin(folder);
    const earlier = seen.get(plugin.name);
    if (earlier !== undefined) {
      found.push({ valid: false, name: plugin.name, folder, problem: `another plugin named "${plugin.name}" is in ${earlier}` });
      continue;
    }
    seen.set(plugin.name, folder);
    found.push(plugin);
  }
  return found;
}

async function pluginFoldersUnder(root: string): Promise<string[]> {
  if (await isFile(path.join(root, MANIFEST_FILE))) return [root];
  const entries = await fs.readdir(root, { withFileTypes: true }).catch(() => []);
  const folders = entries.filter((entry) => entry.isDirectory()).map((entry) => path.join(root, entry.name));
  const plugins: string[] = [];
  for (const folder of folders.sort()) if (await isFile(path.join(folder, MANIFEST_FILE))) plugins.push(folder);
  return plugins;
}

async function isFile(file: string): Promise<boolean> {
  return fs.stat(file).then(
    (stat) => stat.isFile(),
    () => false,
  );
}

async function readPlugin(folder: string): Promise<DiscoveredPlugin> {
  const fallbackName = path.basename(folder);
  const invalid = (problem: string, name = fallbackName): InvalidPlugin => ({ valid: false, name, folder, problem });
  const manifestText = await readLimited(path.join(folder, MANIFEST_FILE), MAX_MANIFEST_BYTES);
  if (manifestText === null) return invalid(`${MANIFEST_FILE} cannot be read or is larger than ${MAX_MANIFEST_BYTES} bytes`);
  let json: unknown;
  try {
    json = JSON.parse(manifestText);
  } catch {
    return invalid(`${MANIFEST_FILE} is not valid JSON`);
  }
  const parsed = pluginManifestSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'manifest'}: ${issue.message}`);
    return invalid(`${MANIFEST_FILE} is invalid: ${problems.slice(0, 5).join('; ')}`);
  }
  const manifest = parsed.data;
  const duplicate = firstDuplicate(manifest.queries.map((query) => query.name));
  if (duplicate) return invalid(`query "${duplicate}" is declared twice`, manifest.name);
  // Settings and secrets reach the plugin together in `context.settings`: one name, one value.
  const value = firstDuplicate([...manifest.settings, ...manifest.secrets].map((declared) => declared.name));
  if (value) return invalid(`setting or secret "${value}" is declared twice`, manifest.name);
  const codeFile = await insideFolder(folder, manifest.main);
  if (!codeFile) return invalid(`main file ${manifest.main} is missing or lies outside the plugin folder`, manifest.name);
  const code = await readLimited(codeFile, MAX_CODE_BYTES);
  if (code === null) return invalid(`main file ${manifest.main} cannot be read or is larger than ${MAX_CODE_BYTES} bytes`, manifest.name);
  const manifestHash = createHash('sha256').update(manifestText).update('\0').update(code).digest('hex');
  return { valid: true, name: manifest.name, folder, manifest, code, codeFile, manifestHash };
}

/** The real path of a file of the plugin, or null when it escapes the folder (symbolic links included). */
async function insideFolder(folder: string, relative: string): Promise<string | null> {
  try {
    const [base, file] = await Promise.all([fs.realpath(folder), fs.realpath(path.join(folder, relative))]);
    return file.startsWith(base + path.sep) ? file : null;
  } catch {
    return null;
  }
}

async function readLimited(file: string, maxBytes: number): Promise<string | null> {
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile() || stat.size > maxBytes) return null;
    return await fs.readFile(file, 'utf8');
  } catch {
    return null;
  }
}

function firstDuplicate(names: readonly string[]): string | undefined {
  return names.find((name, index) => names.indexOf(name) !== index);
}
