import type { Client } from 'pg';
import { withClient } from './server';

/** The catalog the issue asks for: about 2,000 tables, 5,000 indexes, 1,900 sequences. */
export const CATALOG = { schemas: 8, tables: 2_000 } as const;
const TABLES_PER_SCHEMA = CATALOG.tables / CATALOG.schemas;
/** Tables per transaction: each batch holds ~7 locks a table, far below the shared lock table (64 x max_connections). */
const BATCH = 100;

const schemaOf = (table: number) => `s${String(Math.floor(table / TABLES_PER_SCHEMA) + 1).padStart(2, '0')}`;
const nameOf = (table: number) => `${schemaOf(table)}.t_${String(table).padStart(4, '0')}`;
/** One table in twenty has a composite natural key and no sequence: 1,900 serial sequences in all. */
const hasSerial = (table: number) => table % 20 !== 0;

/**
 * Every table has a primary key and an index on created_at; every other table a third index, on code or on
 * ref_id in turn: 2,000 + 2,000 + 1,000 = 5,000 indexes. One table in five references the one before it
 * (in the same batch); a quarter of those foreign keys have a supporting index. Twenty rows each, so
 * sequences have a position and tables have pages.
 */
function tableDdl(table: number): string {
  const name = nameOf(table);
  const key = hasSerial(table) ? 'id bigserial PRIMARY KEY' : 'a int, b int';
  const pk = hasSerial(table) ? '' : ', PRIMARY KEY (a, b)';
  const parent = table - 1;
  const reference = table % 5 === 1 && hasSerial(table) && parent >= 0 && hasSerial(parent) ? ` REFERENCES ${nameOf(parent)} (id)` : '';
  const statements = [
    `CREATE TABLE ${name} (${key}, ref_id bigint${reference}, code text, amount numeric, created_at timestamptz NOT NULL DEFAULT now(), payload text${pk})`,
    `CREATE INDEX ON ${name} (created_at)`,
  ];
  if (table % 2 === 0) statements.push(`CREATE INDEX ON ${name} (${table % 4 === 0 ? 'code' : 'ref_id'})`);
  const rows = hasSerial(table)
    ? `INSERT INTO ${name} (code, amount, payload) SELECT 'c' || g, g, repeat('x', 40) FROM generate_series(1, 20) g`
    : `INSERT INTO ${name} (a, b, code, amount, payload) SELECT g, g, 'c' || g, g, repeat('x', 40) FROM generate_series(1, 20) g`;
  statements.push(rows);
  return statements.join(';\n');
}

export interface CatalogCounts {
  tables: number;
  indexes: number;
  sequences: number;
  foreignKeys: number;
}

/** Builds the catalog in batches of BATCH tables over two connections, then ANALYZE so relpages are real. */
export async function buildCatalog(adminUrl: string): Promise<CatalogCounts> {
  await withClient(adminUrl, async (client) => {
    await client.query(Array.from({ length: CATALOG.schemas }, (_, index) => `CREATE SCHEMA s${String(index + 1).padStart(2, '0')}`).join(';'));
  });
  const batches = Array.from({ length: CATALOG.tables / BATCH }, (_, batch) => batch);
  // A table only references the one before it in its own batch, so the two halves can be built side by side.
  const worker = async (own: number[]) =>
    withClient(adminUrl, async (client) => {
      for (const batch of own) {
        const tables = Array.from({ length: BATCH }, (_, index) => batch * BATCH + index);
        await client.query(tables.map(tableDdl).join(';\n'));
      }
    });
  const half = batches.length / 2;
  await Promise.all([worker(batches.slice(0, half)), worker(batches.slice(half))]);
  return withClient(adminUrl, async (client) => {
    await client.query('ANALYZE');
    return countCatalog(client);
  });
}

export async function countCatalog(client: Client): Promise<CatalogCounts> {
  const { rows } = await client.query<{ tables: number; indexes: number; sequences: number; foreign_keys: number }>(`
    SELECT (SELECT count(*) FROM pg_stat_user_tables)::int AS tables,
           (SELECT count(*) FROM pg_stat_user_indexes)::int AS indexes,
           (SELECT count(*) FROM pg_sequences)::int AS sequences,
           (SELECT count(*) FROM pg_constraint WHERE contype = 'f')::int AS foreign_keys`);
  const [row] = rows;
  return { tables: row.tables, indexes: row.indexes, sequences: row.sequences, foreignKeys: row.foreign_keys };
}

/** Lets the monitoring role read sequence positions, as an operator who wants the sequence check would. */
export async function grantSequenceReads(adminUrl: string, role: string): Promise<void> {
  await withClient(adminUrl, async (client) => {
    const schemas = Array.from({ length: CATALOG.schemas }, (_, index) => `s${String(index + 1).padStart(2, '0')}`);
    await client.query(`GRANT SELECT ON ALL SEQUENCES IN SCHEMA ${schemas.join(', ')} TO "${role}"`);
  });
}

/** A light write workload: `count` serial tables, rotating, get one row each, and the statistics are flushed now. */
export function workload(): (client: Client, count: number) => Promise<void> {
  let next = 0;
  return async (client, count) => {
    const statements: string[] = [];
    while (statements.length < count) {
      const table = next++ % CATALOG.tables;
      if (hasSerial(table)) statements.push(`INSERT INTO ${nameOf(table)} (code, amount, payload) VALUES ('w', 1, 'w')`);
    }
    statements.push('SELECT pg_stat_force_next_flush()');
    await client.query(statements.join(';\n'));
  };
}

/**
 * Distinct statements for pg_stat_statements: a count over every table, then a column list over the first
 * (count - tables) ones. Sent as top-level statements (track = top ignores statements inside PL/pgSQL).
 */
export async function generateStatements(client: Client, count: number): Promise<void> {
  const statements: string[] = [];
  for (let index = 0; statements.length < count; index++) {
    const table = index % CATALOG.tables;
    statements.push(
      index < CATALOG.tables ? `SELECT count(*) FROM ${nameOf(table)}` : `SELECT code, amount FROM ${nameOf(table)} WHERE created_at < now() LIMIT 1`,
    );
  }
  for (let start = 0; start < statements.length; start += 500) await client.query(statements.slice(start, start + 500).join(';\n'));
}

/**
 * `count` distinct statements whose normalised text is about `length` characters: a long select list over one
 * table. pg_stat_statements tells statements apart by their parse tree, where aliases and constants do not
 * count, so each statement differs by its table and by the length of its list.
 */
export async function generateLongStatements(client: Client, count: number, length: number): Promise<void> {
  const expressions = Math.ceil(length / 24);
  const statement = (index: number) => {
    const size = expressions + Math.floor(index / CATALOG.tables);
    return `SELECT ${Array.from({ length: size }, (_, column) => `amount + ${column} AS c${column}`).join(', ')} FROM ${nameOf(index % CATALOG.tables)}`;
  };
  const perMessage = Math.max(1, Math.floor(1_000_000 / length));
  for (let start = 0; start < count; start += perMessage) {
    const batch = Array.from({ length: Math.min(perMessage, count - start) }, (_, offset) => statement(start + offset));
    await client.query(batch.join(';\n'));
  }
}
