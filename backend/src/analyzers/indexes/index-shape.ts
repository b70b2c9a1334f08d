import type { IndexRow } from '../input';
import { qualifiedName } from '../sql-text';

/**
 * pg_get_indexdef without the index name and UNIQUE: two indexes of the same shape serve the same lookups,
 * whatever they are called (the unique one also enforces uniqueness, which is why it is the one to keep).
 */
export function indexShape(row: IndexRow): string {
  return row.definition.replace(/^CREATE (?:UNIQUE )?INDEX (?:"(?:[^"]|"")*"|\S+) ON /, 'CREATE INDEX ON ');
}

/** Owns a primary key, unique or exclusion constraint, or a foreign key depends on it: never simply dropped. */
export function backsConstraint(row: IndexRow): boolean {
  return row.is_primary || row.constraint_type !== null || row.referenced_by_foreign_key;
}

/** Valid indexes of one table sharing a shape, in keep-first order; groups of one are left out. */
export function duplicateGroups(rows: IndexRow[]): IndexRow[][] {
  const groups = new Map<string, IndexRow[]>();
  for (const row of rows.filter((candidate) => candidate.is_valid)) {
    const key = `${row.schema_name}\u0000${row.table_name}\u0000${indexShape(row)}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  return [...groups.values()].filter((group) => group.length > 1).map((group) => [...group].sort(keepFirst));
}

/** Constraint-backed, then unique, then the most used index is the one to keep. */
function keepFirst(a: IndexRow, b: IndexRow): number {
  return (
    Number(backsConstraint(b)) - Number(backsConstraint(a)) ||
    Number(b.is_unique) - Number(a.is_unique) ||
    Number(b.idx_scan) - Number(a.idx_scan) ||
    a.index_name.localeCompare(b.index_name)
  );
}

interface IndexColumns {
  method: string;
  keys: string[];
  hasInclude: boolean;
}

/** Method and key columns as written in the definition ("USING btree (a, b DESC) INCLUDE (c)"). */
export function indexColumns(row: IndexRow): IndexColumns | null {
  const match = / USING (\w+) \(/.exec(row.definition);
  if (!match) return null;
  const start = match.index + match[0].length;
  const keys: string[] = [];
  let depth = 0;
  let quoted = false;
  let current = '';
  for (let index = start; index < row.definition.length; index++) {
    const char = row.definition[index];
    if (char === '"') quoted = !quoted;
    if (!quoted && char === '(') depth++;
    if (!quoted && char === ')' && depth-- === 0) {
      keys.push(current.trim());
      return { method: match[1], keys, hasInclude: row.definition.slice(index).startsWith(') INCLUDE (') };
    }
    if (!quoted && depth === 0 && char === ',') {
      keys.push(current.trim());
      current = '';
    } else {
      current += char;
    }
  }
  return null;
}

/** The definition as a statement to recreate the index without blocking writes, for the undo line. */
export function recreateStatement(row: IndexRow): string {
  return `${row.definition.replace(/^CREATE (UNIQUE )?INDEX /, 'CREATE $1INDEX CONCURRENTLY ')};`;
}

export function dropStatement(row: IndexRow): string {
  return `DROP INDEX CONCURRENTLY ${qualifiedName(row.schema_name, row.index_name)};`;
}
