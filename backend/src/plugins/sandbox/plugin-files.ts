import fs from 'node:fs/promises';
import path from 'node:path';

/** Appends text to a file of the plugin's data folder; the sandbox passes the plugin's request as it came. */
export type PluginFileWriter = (file: string, text: string) => Promise<void>;

const FILE_NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;
const MAX_APPEND_CHARS = 64 * 1024;
/** A plugin's file stops growing here: a notifier in a loop must not fill the disk Inspector's storage lives on. */
const MAX_FILE_BYTES = 10 * 1024 * 1024;

/** `<DATA_DIR>/plugins/<plugin>`: the one folder a plugin's files live in. */
export function pluginDataFolder(dataDir: string, plugin: string): string {
  return path.join(dataDir, 'plugins', plugin);
}

/**
 * The host's side of `context.files`: plain names inside the plugin's folder only (no separators, no dots first, so
 * no `..`), bounded writes, files readable by Inspector's user only. The plugin itself never touches the file system.
 */
export function pluginFileWriter(folder: string): PluginFileWriter {
  return async (file, text) => {
    if (typeof file !== 'string' || !FILE_NAME.test(file)) throw new Error('file names are lowercase letters, digits, dots, dashes and underscores');
    if (typeof text !== 'string' || text.length > MAX_APPEND_CHARS) throw new Error(`one append writes at most ${MAX_APPEND_CHARS} characters`);
    await fs.mkdir(folder, { recursive: true, mode: 0o700 });
    const target = path.join(folder, file);
    const size = await fs.stat(target).then(
      (stat) => stat.size,
      () => 0,
    );
    if (size + Buffer.byteLength(text) > MAX_FILE_BYTES) throw new Error(`${file} would grow past ${MAX_FILE_BYTES} bytes`);
    await fs.appendFile(target, text, { mode: 0o600 });
  };
}
