import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatabaseUrlError, parseDatabaseUrl, scrubPassword } from './database-url';

describe('parseDatabaseUrl', () => {
  it('reads the SQLite forms', () => {
    expect(parseDatabaseUrl('sqlite::memory:')).toEqual({ dialect: 'sqlite', database: ':memory:' });
    expect(parseDatabaseUrl('sqlite:./data/x.sqlite')).toEqual({ dialect: 'sqlite', database: path.resolve('data/x.sqlite') });
    expect(parseDatabaseUrl('sqlite:///var/lib/inspector/x.sqlite')).toEqual({ dialect: 'sqlite', database: '/var/lib/inspector/x.sqlite' });
  });

  it('reads PostgreSQL URLs under both scheme names', () => {
    expect(parseDatabaseUrl('postgres://u:p@db.internal:5432/inspector')).toMatchObject({
      dialect: 'postgres',
      host: 'db.internal',
      databaseName: 'inspector',
    });
    expect(parseDatabaseUrl('postgresql://u@127.0.0.1/insp')).toMatchObject({ dialect: 'postgres', databaseName: 'insp' });
  });

  it.each([
    ['mongo://u:secretpw@h/db', /unsupported scheme "mongo:"/],
    ['postgres://u:secretpw@h:5432/', /needs a database name/],
    ['sqlite:', /needs a file path/],
    ['just-words', /unsupported scheme missing/],
  ])('refuses %s with a message that does not repeat it', (url, message) => {
    expect(() => parseDatabaseUrl(url)).toThrowError(DatabaseUrlError);
    expect(() => parseDatabaseUrl(url)).toThrowError(message);
    try {
      parseDatabaseUrl(url);
    } catch (error) {
      expect((error as Error).message).not.toContain('secretpw');
    }
  });
});

describe('scrubPassword', () => {
  it('masks credentials of any URL in a text and the given password anywhere', () => {
    const url = 'postgres://app:s3cr%40t@db:5432/x';
    expect(scrubPassword(`connect failed: ${url}`)).toBe('connect failed: postgres://app:***@db:5432/x');
    expect(scrubPassword('password s3cr@t rejected', url)).toBe('password *** rejected');
  });

  it('masks several URLs in one text and leaves URLs without a password alone', () => {
    expect(scrubPassword('a https://u:p1@h/x and postgres://v:p2@db b http://h:80/x c://:p3@d')).toBe(
      'a https://u:***@h/x and postgres://v:***@db b http://h:80/x c://:***@d',
    );
  });

  it.each([
    ['dotted words', 'a.'.repeat(500_000)],
    ['URL starts without @', 'a://b:'.repeat(170_000)],
    ['one long password run', `x://u:${'p'.repeat(1_000_000)}`],
  ])('scrubs 1 MB of %s in linear time', (_name, text) => {
    const started = performance.now();
    scrubPassword(text, 'postgres://app:pp@db/x');
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('cuts to maxLength before scrubbing and never shows the start of a password cut at the end', () => {
    const url = 'postgres://app:hunter2-secret@db/x';
    const text = `${'x'.repeat(95)}hunter2-secret${'y'.repeat(100)}`;
    const bounded = scrubPassword(text, url, 100);
    expect(bounded.length).toBeLessThanOrEqual(101);
    expect(bounded.endsWith('…')).toBe(true);
    expect(bounded).not.toMatch(/h(u(n(t(e(r)?)?)?)?)?…$/);
    expect(scrubPassword(`${'x'.repeat(80)} other://u:longpassword@h`, undefined, 100)).toBe(`${'x'.repeat(80)} other://u:***…`);
  });
});
