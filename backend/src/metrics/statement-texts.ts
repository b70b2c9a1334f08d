import type { DataSource } from 'typeorm';
import { statementKey as keyOf } from '../collectors/sql/statements';
import { chunksOf, type MetricsSql, metricsSql, type Statement } from './sql';

/** The snapshot kind whose rows keep their query texts in `statement_text` (statement-text.entity.ts). */
export const STATEMENTS_KIND = 'statements';

type Row = Record<string, unknown>;

/** A row whose text is stored apart: it has a query id and a text (a null text stays inline, as the collector gave it). */
const hasTextApart = (row: Row) => row.queryid !== null && row.queryid !== undefined && typeof row.query === 'string';

/** The snapshot's rows as stored, without the texts stored apart, and those texts by statement key. */
export function separateTexts(rows: readonly unknown[]): { stored: Row[]; texts: Map<string, string> } {
  const texts = new Map<string, string>();
  const stored = (rows as Row[]).map((row) => {
    if (!hasTextApart(row)) return row;
    texts.set(keyOf(row), row.query as string);
    const { query: _text, ...numbers } = row;
    return numbers;
  });
  return { stored, texts };
}

/**
 * The writes that make `statement_text` hold exactly `texts`: new and changed texts upserted, texts of statements no
 * longer listed deleted. `written` is what the table holds (a null text: the key is there, its text was not read
 * back after a restart, so it is written again once); it is updated to `texts`.
 */
export function textStatements(sql: MetricsSql, instanceId: string, written: Map<string, string | null>, texts: Map<string, string>): Statement[] {
  const changed = [...texts].filter(([key, text]) => written.get(key) !== text);
  const gone = [...written.keys()].filter((key) => !texts.has(key));
  for (const [key, text] of changed) written.set(key, text);
  for (const key of gone) written.delete(key);
  const upserts = sql.chunks(changed, 3).map((chunk) => {
    const source = sql.rows(
      ['text', 'text', 'text'],
      chunk.map(([key, text]) => [instanceId, key, text]),
    );
    return {
      text: `INSERT INTO statement_text (instance_id, statement_key, text) ${source.text} ON CONFLICT (instance_id, statement_key) DO UPDATE SET text = excluded.text`,
      parameters: source.parameters,
    };
  });
  const deletes = sql.chunks(gone, 1).map((chunk) => {
    const keys = sql.anyOf('statement_key', 'text', chunk);
    return { text: `DELETE FROM statement_text WHERE instance_id = ? AND ${keys.text}`, parameters: [instanceId, ...keys.parameters] };
  });
  return [...upserts, ...deletes];
}

/** The statement keys `statement_text` holds for an instance, their texts not read (see `textStatements`). */
export async function readWrittenTextKeys(dataSource: DataSource, instanceId: string): Promise<Map<string, string | null>> {
  const sql = metricsSql(dataSource);
  const rows = await sql.query<Array<{ statement_key: string }>>(dataSource, 'SELECT statement_key FROM statement_text WHERE instance_id = ?', [instanceId]);
  return new Map(rows.map((row) => [row.statement_key, null]));
}

/**
 * Rows of a statements snapshot with their texts back, read for these rows only (a page of the list reads its own).
 * Rows stored with the text inline (before texts were kept apart, or a null text) are returned as they are.
 */
export async function withTexts(dataSource: DataSource, instanceId: string, rows: readonly Row[]): Promise<Row[]> {
  const keys = [...new Set(rows.filter((row) => !('query' in row)).map(keyOf))];
  if (keys.length === 0) return [...rows];
  const sql = metricsSql(dataSource);
  const texts = new Map<string, string>();
  for (const chunk of chunksOf(keys, 1)) {
    const found = sql.anyOf('statement_key', 'text', chunk);
    const read = await sql.query<Array<{ statement_key: string; text: string }>>(
      dataSource,
      `SELECT statement_key, text FROM statement_text WHERE instance_id = ? AND ${found.text}`,
      [instanceId, ...found.parameters],
    );
    for (const row of read) texts.set(row.statement_key, row.text);
  }
  return rows.map((row) => ('query' in row ? row : { ...row, query: texts.get(keyOf(row)) ?? null }));
}
