import { describe, expect, it } from 'vitest';
import { type CollectorContext, DEFAULT_COLLECTOR_SETTINGS, type QueryRunner } from './collector';
import type { StatementStatsRow, StatementTextRow } from './sql/statements';
import { statementsCollector } from './statements.collector';

const stats = (queryid: string | null, dbid = 5): StatementStatsRow => ({
  queryid,
  userid: 10,
  dbid,
  calls: '3',
  total_exec_time_ms: 1,
  mean_exec_time_ms: 0.3,
  rows: '3',
  shared_blks_hit: '0',
  shared_blks_read: '0',
  temp_blks_written: '0',
});

/** A monitored server holding `texts` (query id → text) that records which registered queries ran, with what. */
function server(texts: Record<string, string>) {
  let listed: StatementStatsRow[] = [];
  const calls: { name: string; params: unknown[] }[] = [];
  const conn = {
    run: async (query: { name: string }, ...params: unknown[]) => {
      calls.push({ name: query.name, params });
      if (query.name === 'statements_extension') return [{ schema_name: 'public', on_search_path: true }];
      if (query.name === 'statements') return listed.slice(0, params[0] as number);
      const [maxLength, ids] = params as [number, string[]];
      return listed
        .filter((row) => row.queryid !== null && ids.includes(row.queryid))
        .map((row): StatementTextRow => ({ queryid: row.queryid!, userid: row.userid, dbid: row.dbid, query: texts[row.queryid!]!.slice(0, maxLength) }));
    },
  } as unknown as QueryRunner;
  const textRequests = () => calls.filter((call) => call.name === 'statement_texts').map((call) => call.params[1]);
  return { conn, calls, textRequests, list: (rows: StatementStatsRow[]) => (listed = rows) };
}

const ctx = (overrides: Partial<CollectorContext> = {}): CollectorContext => ({
  ...DEFAULT_COLLECTOR_SETTINGS,
  serverVersionNum: 160000,
  flavour: 'postgresql',
  ...overrides,
});
const texts = async (conn: QueryRunner, context = ctx()) => (await statementsCollector.collect(conn, context)).snapshot?.rows.map((row) => row.query);

describe('statements collector', () => {
  it('reads statistics without text, and asks the server for a text only the first time a query id is listed', async () => {
    const sut = server({ '1': 'SELECT 1', '2': 'SELECT 2' });
    sut.list([stats('1')]);
    expect(await texts(sut.conn)).toEqual(['SELECT 1']);
    sut.list([stats('1'), stats('2')]);
    expect(await texts(sut.conn)).toEqual(['SELECT 1', 'SELECT 2']);
    expect(await texts(sut.conn)).toEqual(['SELECT 1', 'SELECT 2']);
    expect(sut.textRequests()).toEqual([['1'], ['2']]);
    expect(sut.calls.filter((call) => call.name === 'statements')).toHaveLength(3);
  });

  it('never reads text when text collection is off, and a changed cut reads texts again at the new length', async () => {
    const sut = server({ '1': 'SELECT something long' });
    sut.list([stats('1'), stats(null)]);
    expect(await texts(sut.conn, ctx({ includeQueryText: false }))).toEqual([null, null]);
    expect(sut.textRequests()).toEqual([]);
    expect(await texts(sut.conn)).toEqual(['SELECT something long', null]);
    expect(await texts(sut.conn, ctx({ queryTextMaxLength: 6 }))).toEqual(['SELECT', null]);
    expect(await texts(sut.conn, ctx({ includeQueryText: false }))).toEqual([null, null]);
    expect(sut.textRequests()).toEqual([['1'], ['1']]);
  });

  it('keys texts per database and role, and remembers a bounded number of them per instance', async () => {
    const sut = server({ '1': 'SELECT 1', '2': 'SELECT 2' });
    const limitOne = ctx({ rowLimit: 1 });
    for (const row of [stats('1', 5), stats('1', 6), stats('2'), stats('2'), stats('1', 5)]) {
      sut.list([row]);
      await texts(sut.conn, limitOne);
    }
    // A limit of one row keeps two texts: the same id in another database is another statement, and once
    // "2" came, the least recently listed one (database 5's) was forgotten and read again.
    expect(sut.textRequests()).toEqual([['1'], ['1'], ['2'], ['1']]);
  });

  it('keeps a separate memory per connection, so another instance reads its own texts', async () => {
    const first = server({ '1': 'SELECT 1' });
    const second = server({ '1': 'SELECT 1' });
    first.list([stats('1')]);
    second.list([stats('1')]);
    await texts(first.conn);
    expect(await texts(second.conn)).toEqual(['SELECT 1']);
    expect(second.textRequests()).toEqual([['1']]);
  });
});
