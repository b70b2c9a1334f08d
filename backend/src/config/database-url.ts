import path from 'node:path';

export type StorageTarget =
  | { dialect: 'sqlite'; database: string }
  | { dialect: 'postgres'; url: string; host: string; databaseName: string };

export class DatabaseUrlError extends Error {}

/**
 * Parses DATABASE_URL. Error messages never repeat the URL: it may carry a password.
 * Accepts `sqlite::memory:`, `sqlite:<path>` (relative to the working directory) and `postgres://` / `postgresql://`.
 */
export function parseDatabaseUrl(raw: string): StorageTarget {
  const value = raw.trim();
  if (value === 'sqlite::memory:') return { dialect: 'sqlite', database: ':memory:' };
  if (value.startsWith('sqlite:')) {
    const file = value.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (file === '') throw new DatabaseUrlError('sqlite: needs a file path, e.g. sqlite:./data/inspector.sqlite');
    return { dialect: 'sqlite', database: path.resolve(file) };
  }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value)?.[1]?.toLowerCase();
  if (scheme === 'postgres' || scheme === 'postgresql') {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new DatabaseUrlError('is not a valid postgres:// URL (check for unescaped characters in the password)');
    }
    const databaseName = decodeURIComponent(url.pathname.replace(/^\//, ''));
    if (!url.hostname && !url.searchParams.get('host')) throw new DatabaseUrlError('postgres URL needs a host');
    if (!databaseName) throw new DatabaseUrlError('postgres URL needs a database name, e.g. postgres://user@host:5432/inspector');
    return { dialect: 'postgres', url: value, host: url.hostname || String(url.searchParams.get('host')), databaseName };
  }
  const shown = scheme ? `"${scheme}:"` : 'missing';
  throw new DatabaseUrlError(`unsupported scheme ${shown}; use sqlite:<path>, sqlite::memory: or postgres://user:password@host:5432/db`);
}

/** Removes a URL's password from any text (driver errors sometimes echo the connection string). */
export function scrubPassword(text: string, url?: string): string {
  let scrubbed = text.replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:)[^@\s]*@/gi, '$1***@');
  if (url) {
    try {
      const password = decodeURIComponent(new URL(url).password);
      if (password) scrubbed = scrubbed.split(password).join('***');
    } catch {
      // An unparsable URL has no password we could find; the regex above still applies.
    }
  }
  return scrubbed;
}
