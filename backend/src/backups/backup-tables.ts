import type { DataSource, EntityMetadata } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { COLLECTED_DATA_ENTITIES, DAILY_PARTITIONED } from '../metrics/collected-data';

/** How a value travels in the dump, whatever each dialect returns for it (0/1 or booleans, bigint as text). */
export type ValueKind = 'boolean' | 'integer' | 'float' | 'text';

export interface BackupColumn {
  name: string;
  kind: ValueKind;
}

export interface BackupTable {
  name: string;
  columns: BackupColumn[];
  primaryKey: string[];
  /** Columns PostgreSQL fills from a sequence, which must be moved past the restored rows. */
  sequenceColumns: string[];
  history: boolean;
  /** On PostgreSQL the table is split into one partition per UTC day of this column (raw metric points). */
  dailyPartitionColumn: string | null;
}

function kindOf(column: ColumnMetadata): ValueKind {
  const type = column.type;
  if (type === Boolean || type === 'boolean') return 'boolean';
  if (type === Number || ['integer', 'int', 'bigint', 'smallint'].includes(String(type))) return 'integer';
  if (['float', 'double precision', 'real'].includes(String(type))) return 'float';
  return 'text';
}

/**
 * Every table the entities map, parents before children (foreign keys), from TypeORM's metadata:
 * a new entity is backed up without anyone editing a list.
 */
export function backupTables(dataSource: DataSource): BackupTable[] {
  const ordered: EntityMetadata[] = [];
  const visit = (metadata: EntityMetadata, path: Set<EntityMetadata>) => {
    if (ordered.includes(metadata) || path.has(metadata)) return;
    path.add(metadata);
    for (const foreignKey of metadata.foreignKeys) visit(foreignKey.referencedEntityMetadata, path);
    ordered.push(metadata);
  };
  const byName = [...dataSource.entityMetadatas].sort((a, b) => a.tableName.localeCompare(b.tableName));
  for (const metadata of byName) visit(metadata, new Set());
  return ordered.map((metadata) => ({
    name: metadata.tableName,
    columns: metadata.columns.map((column) => ({ name: column.databaseName, kind: kindOf(column) })),
    primaryKey: metadata.primaryColumns.map((column) => column.databaseName),
    sequenceColumns: metadata.columns.filter((column) => column.generationStrategy === 'increment').map((column) => column.databaseName),
    // What was collected from monitored databases: `--no-history` leaves these out and keeps the configuration.
    history: COLLECTED_DATA_ENTITIES.has(metadata.target),
    dailyPartitionColumn:
      metadata.target === DAILY_PARTITIONED.entity ? (metadata.findColumnWithPropertyName(DAILY_PARTITIONED.property)?.databaseName ?? null) : null,
  }));
}

/** The dump's spelling of a value: JSON-safe and the same from either dialect. */
export function dumpValue(kind: ValueKind, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case 'boolean':
      return value === true || value === 1 || value === '1';
    case 'integer': {
      const number = Number(value);
      return Number.isSafeInteger(number) ? number : String(value);
    }
    case 'float': {
      const number = Number(value);
      // JSON has no NaN or Infinity; the text form comes back through Number() on restore.
      return Number.isFinite(number) ? number : String(number);
    }
    case 'text':
      return value instanceof Buffer ? value.toString('utf8') : value;
  }
}

/** A dumped value as the target driver takes it: better-sqlite3 has no booleans. */
export function restoreValue(kind: ValueKind, value: unknown, dialect: 'sqlite' | 'postgres'): unknown {
  if (value === null) return null;
  if (kind === 'boolean') return dialect === 'sqlite' ? (value ? 1 : 0) : Boolean(value);
  if (kind === 'float' && typeof value === 'string') return Number(value);
  return value;
}
