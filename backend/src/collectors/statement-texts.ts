import type { CollectorSettings, QueryRunner } from './collector';
import { STATEMENT_TEXTS, type StatementRow, type StatementStatsRow, statementKey as keyOf } from './sql/statements';

/** Statements remembered per instance, as a multiple of the row limit: room for the top list to churn at its edge. */
const REMEMBERED_PER_ROW = 2;

/**
 * Query texts already read from one instance, so each text crosses the wire once instead of every run. Texts never
 * change for a key; the memory is bounded (least recently listed first out), and is dropped whenever the text
 * settings change, so text off or a shorter cut applies from the next run on.
 */
class StatementTexts {
  readonly #texts = new Map<string, string>();
  #settings = '';

  async attach(conn: QueryRunner, rows: readonly StatementStatsRow[], settings: CollectorSettings): Promise<StatementRow[]> {
    const signature = `${settings.includeQueryText}:${settings.queryTextMaxLength}`;
    if (signature !== this.#settings) this.#texts.clear();
    this.#settings = signature;
    if (!settings.includeQueryText) return rows.map((row) => ({ ...row, query: null }));

    const listed = rows.filter((row): row is StatementStatsRow & { queryid: string } => row.queryid !== null);
    const unknown = [...new Set(listed.filter((row) => !this.#texts.has(keyOf(row))).map((row) => row.queryid))];
    if (unknown.length > 0) {
      for (const row of await conn.run(STATEMENT_TEXTS, settings.queryTextMaxLength, unknown)) {
        // A text the server no longer holds (its file was compacted) stays unknown and is asked for again.
        if (row.query !== null) this.#texts.set(keyOf(row), row.query);
      }
    }
    for (const row of listed) this.#touch(keyOf(row));
    this.#evict(settings.rowLimit * REMEMBERED_PER_ROW);
    return rows.map((row) => ({ ...row, query: row.queryid === null ? null : (this.#texts.get(keyOf(row)) ?? null) }));
  }

  /** Map order is insertion order: re-inserting moves a key to the young end. */
  #touch(key: string): void {
    const text = this.#texts.get(key);
    if (text === undefined) return;
    this.#texts.delete(key);
    this.#texts.set(key, text);
  }

  #evict(capacity: number): void {
    for (const key of this.#texts.keys()) {
      if (this.#texts.size <= capacity) return;
      this.#texts.delete(key);
    }
  }
}

/**
 * Keyed by the connection: the app keeps exactly one per instance (ConnectionsService) until its connection settings
 * change or the instance is deleted, and then the memory goes with it. A restart starts empty and reads texts once.
 */
const byConnection = new WeakMap<QueryRunner, StatementTexts>();

/** The statements with their texts (or none, when text is off), reading from the server only texts not seen before. */
export function attachTexts(conn: QueryRunner, rows: readonly StatementStatsRow[], settings: CollectorSettings): Promise<StatementRow[]> {
  let texts = byConnection.get(conn);
  if (!texts) byConnection.set(conn, (texts = new StatementTexts()));
  return texts.attach(conn, rows, settings);
}
