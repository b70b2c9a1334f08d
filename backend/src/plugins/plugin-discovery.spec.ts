import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { discoverPlugins } from './plugin-discovery';

const manifest = (overrides: Record<string, unknown> = {}) => ({
  name: 'sample',
  version: '1.0.0',
  main: 'index.js',
  provides: { tools: ['t'] },
  ...overrides,
});

describe(discoverPlugins.name, () => {
  let root: string;

  const write = async (folder: string, files: Record<string, string>) => {
    await fs.mkdir(path.join(root, folder), { recursive: true });
    for (const [name, text] of Object.entries(files)) await fs.writeFile(path.join(root, folder, name), text);
  };
  const found = async () => (await discoverPlugins([root])).map((plugin) => (plugin.valid ? [plugin.name, 'valid'] : [plugin.name, plugin.problem]));

  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'inspector-discovery-'));
  });
  afterEach(async () => fs.rm(root, { recursive: true, force: true }));

  it('finds the plugin folders of a folder, and a plugin folder named directly', async () => {
    await write('a', { 'plugin.json': JSON.stringify(manifest({ name: 'alpha' })), 'index.js': '' });
    await write('b', { 'plugin.json': JSON.stringify(manifest({ name: 'beta' })), 'index.js': '' });
    await write('not-a-plugin', { 'readme.txt': 'hello' });
    expect(await found()).toEqual([
      ['alpha', 'valid'],
      ['beta', 'valid'],
    ]);
    expect((await discoverPlugins([path.join(root, 'b')])).map((plugin) => plugin.name)).toEqual(['beta']);
    expect(await discoverPlugins([path.join(root, 'missing')])).toEqual([]);
  });

  it('lists a broken plugin with its problem instead of failing the others', async () => {
    await write('bad-json', { 'plugin.json': '{ nope' });
    await write('bad-name', { 'plugin.json': JSON.stringify(manifest({ name: 'Bad Name' })), 'index.js': '' });
    await write('no-code', { 'plugin.json': JSON.stringify(manifest({ name: 'no-code' })) });
    await write('twice', {
      'plugin.json': JSON.stringify(manifest({ name: 'twice', queries: [1, 2].map(() => ({ name: 'q', description: 'd', sql: 'SELECT 1' })) })),
      'index.js': '',
    });
    await write('two-statements', {
      'plugin.json': JSON.stringify(
        manifest({ name: 'two-statements', queries: [{ name: 'q', description: 'd', sql: 'SELECT 1; SET default_transaction_read_only = off' }] }),
      ),
      'index.js': '',
    });
    await write('setter', {
      'plugin.json': JSON.stringify(manifest({ name: 'setter', queries: [{ name: 'q', description: 'd', sql: 'SET default_transaction_read_only = off' }] })),
      'index.js': '',
    });
    await write('same-name', {
      'plugin.json': JSON.stringify(
        manifest({ name: 'same-name', settings: [{ name: 'token', description: 'd' }], secrets: [{ name: 'token', description: 'd' }] }),
      ),
      'index.js': '',
    });
    await write('ok', { 'plugin.json': JSON.stringify(manifest()), 'index.js': '' });
    expect(await found()).toEqual([
      ['bad-json', 'plugin.json is not valid JSON'],
      ['bad-name', expect.stringContaining('name: lowercase letters, digits and dashes')],
      ['no-code', 'main file index.js is missing or lies outside the plugin folder'],
      ['sample', 'valid'],
      ['same-name', 'setting or secret "token" is declared twice'],
      ['setter', expect.stringContaining('queries.0.sql: a read: SELECT, WITH, SHOW, VALUES or TABLE')],
      ['twice', 'query "q" is declared twice'],
      ['two-statements', expect.stringContaining('queries.0.sql: one statement only: no semicolons')],
    ]);
  });

  it('refuses code outside the plugin folder, by path or by symbolic link', async () => {
    await fs.writeFile(path.join(root, 'outside.js'), 'module.exports = {}');
    await write('dots', { 'plugin.json': JSON.stringify(manifest({ name: 'dots', main: '../outside.js' })) });
    await write('link', { 'plugin.json': JSON.stringify(manifest({ name: 'link' })) });
    await fs.symlink(path.join(root, 'outside.js'), path.join(root, 'link', 'index.js'));
    expect(await found()).toEqual([
      ['dots', expect.stringContaining('main: must stay inside the plugin folder')],
      ['link', 'main file index.js is missing or lies outside the plugin folder'],
    ]);
  });

  it('marks the second plugin of the same name invalid', async () => {
    await write('one', { 'plugin.json': JSON.stringify(manifest()), 'index.js': '' });
    await write('two', { 'plugin.json': JSON.stringify(manifest()), 'index.js': '' });
    expect(await found()).toEqual([
      ['sample', 'valid'],
      ['sample', `another plugin named "sample" is in ${path.join(root, 'one')}`],
    ]);
  });

  it('hashes the manifest and the code together', async () => {
    await write('p', { 'plugin.json': JSON.stringify(manifest()), 'index.js': 'one' });
    const [before] = await discoverPlugins([root]);
    await fs.writeFile(path.join(root, 'p', 'index.js'), 'two');
    const [after] = await discoverPlugins([root]);
    expect(before?.valid && after?.valid && before.manifestHash !== after.manifestHash).toBe(true);
  });
});
