import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pluginDataFolder, pluginFileWriter } from './plugin-files';

describe(pluginFileWriter.name, () => {
  let dataDir: string;
  let folder: string;

  beforeEach(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'inspector-plugin-files-'));
    folder = pluginDataFolder(dataDir, 'sample');
  });
  afterEach(async () => fs.rm(dataDir, { recursive: true, force: true }));

  it('appends to a file of the plugin’s own folder, readable by Inspector’s user only', async () => {
    const sut = pluginFileWriter(folder);
    await sut('notifications.log', 'one\n');
    await sut('notifications.log', 'two\n');
    expect(await fs.readFile(path.join(dataDir, 'plugins', 'sample', 'notifications.log'), 'utf8')).toBe('one\ntwo\n');
    expect((await fs.stat(path.join(folder, 'notifications.log'))).mode & 0o777).toBe(0o600);
  });

  it('refuses any name that could leave the folder or hide in it', async () => {
    const sut = pluginFileWriter(folder);
    for (const name of ['../escape.log', '..', '/etc/passwd', 'sub/file.log', '.hidden', 'UPPER.log', ''])
      await expect(sut(name, 'x'), name).rejects.toThrow('file names are lowercase letters');
    expect(await fs.readdir(dataDir)).toEqual([]);
  });

  it('refuses to grow a file past its cap', async () => {
    const sut = pluginFileWriter(folder);
    const chunk = 'x'.repeat(64 * 1024);
    for (let written = 0; written + chunk.length <= 10 * 1024 * 1024; written += chunk.length) await sut('big.log', chunk);
    await expect(sut('big.log', 'one more')).rejects.toThrow('would grow past');
  });
});
