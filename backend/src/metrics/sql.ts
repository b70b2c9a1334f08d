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
  };
}

/** Splits rows into chunks that keep a multi-row statement under the parameter limit. */
export function chunksOf<T>(rows: readonly T[], columns: number): T[][] {
  const size = Math.max(1, Math.floor(MAX_PARAMETERS / columns));
  const chunks: T[][] = [];
  for (let index = 0; index < rows.length; index += size) chunks.push(rows.slice(index, index + size));
  return chunks;
}
