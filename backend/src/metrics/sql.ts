import type { DataSource, EntityManager } from 'typeorm';

/**
 * The little SQL the two storage dialects spell differently, for the metrics tables' hand-written statements
 * (multi-row writes and aggregates that TypeORM's builders would make slow or could not express).
 */
export interface MetricsSql {
  postgres: boolean;
  /** Runs a statement written with `?` placeholders (numbered `$1`, `$2`… for PostgreSQL, in order of appearance). */
  query<T = unknown>(runner: DataSource | EntityManager, statement: string, parameters?: unknown[]): Promise<T>;
  /** The statement as the driver wants it: `?` placeholders, or `$1`, `$2`… in order of appearance for PostgreSQL. */
  text(statement: string): string;
  /** `(?, ?), (?, ?)` for `rows` rows of `columns` values. */
  values(rows: number, columns: number): string;
  /** `?, ?, ?` for `count` values. */
  list(count: number): string;
  /**
   * Rows to insert, as a row source for `INSERT INTO t (columns) <text>`: `VALUES (?, ?), (?, ?)` on SQLite; on
   * PostgreSQL one array per column through `unnest`, `types` naming each column's type. PostgreSQL's text is then the
   * same whatever the number of rows, so pg_stat_statements keeps one entry for it rather than one per row count (on a
   * storage server that is also monitored, thousands of those would crowd out the server's own statements, and every
   * new one makes the statements collector read the whole query text file).
   */
  rows(types: readonly string[], rows: readonly (readonly unknown[])[]): { text: string; parameters: unknown[] };
  /** Rows in statements under the parameter limit: SQLite's chunks, PostgreSQL's (arrays, one per column) in one. */
  chunks<T>(rows: readonly T[], columns: number): T[][];
  /** `column IN (?, ?)` on SQLite, `column = ANY (?)` with one array on PostgreSQL: one text whatever the count. */
  anyOf(column: string, type: string, values: readonly unknown[]): { text: string; parameters: unknown[] };
}

/** One statement of a write, `?` placeholders. */
export interface Statement {
  text: string;
  parameters: unknown[];
}

/** Parameters per statement: under SQLite's limit of 32,766 and PostgreSQL's 65,535, large enough for few round trips. */
const MAX_PARAMETERS = 8_000;

/** `?, ?, ?`: lists as long as a row's columns are built once, longer ones (a list of ids) each time. */
const shortLists = new Map<number, string>();
function placeholders(count: number): string {
  let text = shortLists.get(count);
  if (text === undefined) {
    text = new Array<string>(count).fill('?').join(', ');
    if (count <= 16) shortLists.set(count, text);
  }
  return text;
}

export function metricsSql(source: DataSource | EntityManager): MetricsSql {
  const postgres = ('options' in source ? source.options : source.connection.options).type === 'postgres';
  const list = placeholders;
  const numbered = (statement: string) => {
    let index = 0;
    // The metrics statements hold no string literal with a question mark: every `?` is a placeholder.
    return statement.replace(/\?/g, () => `$${++index}`);
  };
  return {
    postgres,
    text: (statement) => (postgres ? numbered(statement) : statement),
    query: (runner, statement, parameters) => runner.query(postgres ? numbered(statement) : statement, parameters),
    values: (rows, columns) => new Array<string>(rows).fill(`(${list(columns)})`).join(', '),
    list,
    rows: (types, rows) =>
      postgres
        ? {
            text: `SELECT * FROM unnest(${types.map((type) => `CAST(? AS ${type}[])`).join(', ')})`,
            parameters: types.map((_type, column) => rows.map((row) => row[column])),
          }
        : { text: `VALUES ${new Array<string>(rows.length).fill(`(${list(types.length)})`).join(', ')}`, parameters: rows.flat() },
    chunks: (rows, columns) => (postgres ? (rows.length > 0 ? [[...rows]] : []) : chunksOf(rows, columns)),
    anyOf: (column, type, values) =>
      postgres
        ? { text: `${column} = ANY (CAST(? AS ${type}[]))`, parameters: [values] }
        : { text: `${column} IN (${list(values.length)})`, parameters: [...values] },
  };
}

/** Splits rows into chunks that keep a multi-row statement under the parameter limit. */
export function chunksOf<T>(rows: readonly T[], columns: number): T[][] {
  const size = Math.max(1, Math.floor(MAX_PARAMETERS / columns));
  const chunks: T[][] = [];
  for (let index = 0; index < rows.length; index += size) chunks.push(rows.slice(index, index + size));
  return chunks;
}
