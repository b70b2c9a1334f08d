import type { MysqlIndexRow } from '../../collectors/mysql/rows';
import { mysqlTableName, quoteMysqlIdent } from './mysql-text';

export function indexKey(row: MysqlIndexRow): string {
  return `${row.schema}.${row.table}.${row.index}`;
}

/** A FULLTEXT or SPATIAL index serves other lookups than a BTREE one on the same columns. */
function indexType(row: MysqlIndexRow): string {
  return (row.index_type ?? 'BTREE').toUpperCase();
}

/** Same key columns in the same order, and the same kind of index. */
export function sameColumns(a: MysqlIndexRow, b: MysqlIndexRow): boolean {
  return indexType(a) === indexType(b) && a.columns.length === b.columns.length && a.columns.every((column, position) => b.columns[position] === column);
}

/** `a`'s key columns are the leading columns of the longer `b`, both BTREE (only those serve lookups on a prefix). */
export function leadingPrefixOf(a: MysqlIndexRow, b: MysqlIndexRow): boolean {
  return (
    indexType(a) === 'BTREE' &&
    indexType(b) === 'BTREE' &&
    a.columns.length < b.columns.length &&
    a.columns.every((column, position) => b.columns[position] === column)
  );
}

export function sameTable(a: MysqlIndexRow, b: MysqlIndexRow): boolean {
  return a.schema === b.schema && a.table === b.table;
}

/** ALGORITHM=INPLACE, LOCK=NONE: dropping a secondary index then never blocks writes (the server refuses rather than lock). */
export function dropIndexStatement(row: MysqlIndexRow): string {
  return `ALTER TABLE ${mysqlTableName(row.schema, row.table)} DROP INDEX ${quoteMysqlIdent(row.index)}, ALGORITHM=INPLACE, LOCK=NONE;`;
}

export function addIndexStatement(row: MysqlIndexRow): string {
  return `ALTER TABLE ${mysqlTableName(row.schema, row.table)} ADD ${row.unique ? 'UNIQUE ' : ''}INDEX ${quoteMysqlIdent(row.index)} (${row.columns.map(quoteMysqlIdent).join(', ')});`;
}
