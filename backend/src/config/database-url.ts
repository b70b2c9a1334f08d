import path from 'node:path';

export type StorageTarget = { dialect: 'sqlite'; database: string } | { dialect: 'postgres'; url: string; host: string; databaseName: string };

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

/**
 * Removes URL passwords (`scheme://user:password@`) and the password of `url` from text (driver errors sometimes
 * echo a connection string). Runs in time linear in the text: it may be a hostile server's error message.
 * With `maxLength`, the text is cut first, and a password cut in half at the end is dropped rather than shown.
 */
export function scrubPassword(text: string, url?: string, maxLength = Infinity): string {
  const cut = text.length > maxLength;
  let scrubbed = scrubUrlPasswords(cut ? text.slice(0, maxLength) : text, cut);
  const password = passwordOf(url);
  if (password) {
    scrubbed = scrubbed.split(password).join('***');
    // Any surviving start of the password lies within its length minus one of the cut end.
    if (cut) scrubbed = scrubbed.slice(0, Math.max(0, scrubbed.length - (password.length - 1)));
  }
  return cut ? `${scrubbed}…` : scrubbed;
}

function passwordOf(url: string | undefined): string {
  if (!url) return '';
  try {
    return decodeURIComponent(new URL(url).password);
  } catch {
    // An unparsable URL has no password we could find; URL-shaped passwords are still scrubbed.
    return '';
  }
}

const WHITESPACE = /\s/;

/**
 * Replaces the password of every `://user:password@` with `***`. One pass: each character is looked at a
 * bounded number of times, because a scan for `@` that fails remembers where it failed, and later starts
 * before that point would fail the same way. With `truncated`, a password running into the end is dropped.
 */
function scrubUrlPasswords(text: string, truncated: boolean): string {
  let out = '';
  let copied = 0;
  let noAtBefore = -1;
  for (let start = text.indexOf('://'); start !== -1; start = text.indexOf('://', start + 3)) {
    let i = start + 3;
    while (i < text.length && !':/@'.includes(text[i]) && !WHITESPACE.test(text[i])) i += 1;
    if (text[i] !== ':') continue;
    const passwordStart = i + 1;
    if (passwordStart < noAtBefore) continue;
    let j = passwordStart;
    while (j < text.length && text[j] !== '@' && !WHITESPACE.test(text[j])) j += 1;
    if (text[j] === '@') {
      out += `${text.slice(copied, passwordStart)}***`;
      copied = j;
      start = j - 2;
    } else if (j === text.length && truncated) {
      out += `${text.slice(copied, passwordStart)}***`;
      copied = j;
      break;
    } else {
      noAtBefore = j;
    }
  }
  return out + text.slice(copied);
}
