import { defineQuery } from './define';

/** Namespaces that belong to PostgreSQL itself rather than to the application. */
const USER_NAMESPACE = `n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname !~ '^pg_(toast|temp_|toast_temp_)'`;

export type PrimaryKeyPresenceRow = {
  schema_name: string;
  table_name: string;
  has_primary_key: boolean;
};

/** Ordinary and partitioned tables with whether they have a primary key (logical replication needs one). */
export const PRIMARY_KEY_PRESENCE = defineQuery<PrimaryKeyPresenceRow>(
  'primary_key_presence',
  `
  SELECT n.nspname AS schema_name,
         c.relname AS table_name,
         EXISTS (SELECT 1 FROM pg_constraint p WHERE p.conrelid = c.oid AND p.contype = 'p') AS has_primary_key
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND ${USER_NAMESPACE}
  ORDER BY n.nspname, c.relname
  `,
);

export type ForeignKeyRow = {
  schema_name: string;
  table_name: string;
  constraint_name: string;
  columns: string[];
  referenced_schema: string;
  referenced_table: string;
  has_covering_index: boolean;
};

/**
 * Foreign keys with their columns (in key order) and whether some valid, non-partial index starts with
 * exactly those columns in any order. Without one, every delete or key update on the referenced table
 * scans the referencing table.
 */
export const FOREIGN_KEYS = defineQuery<ForeignKeyRow>(
  'foreign_keys',
  `
  SELECT n.nspname AS schema_name,
         c.relname AS table_name,
         con.conname AS constraint_name,
         ARRAY(SELECT a.attname::text
               FROM unnest(con.conkey) WITH ORDINALITY AS k(attnum, position)
               JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
               ORDER BY k.position) AS columns,
         rn.nspname AS referenced_schema,
         rc.relname AS referenced_table,
         EXISTS (SELECT 1 FROM pg_index i
                 WHERE i.indrelid = con.conrelid AND i.indisvalid AND i.indpred IS NULL
                   AND (i.indkey::int2[])[0:cardinality(con.conkey) - 1] @> con.conkey
                   AND (i.indkey::int2[])[0:cardinality(con.conkey) - 1] <@ con.conkey) AS has_covering_index
  FROM pg_constraint con
  JOIN pg_class c ON c.oid = con.conrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_class rc ON rc.oid = con.confrelid
  JOIN pg_namespace rn ON rn.oid = rc.relnamespace
  WHERE con.contype = 'f' AND con.conparentid = 0 AND ${USER_NAMESPACE}
  ORDER BY n.nspname, c.relname, con.conname
  `,
);

export type SequenceRow = {
  schema_name: string;
  sequence_name: string;
  data_type: string;
  last_value: string | null;
  min_value: string;
  max_value: string;
  increment_by: string;
  cycle: boolean;
  remaining_fraction: number | null;
};

/**
 * Sequences with how much of their range is left in the direction they move. last_value is NULL
 * when the sequence was never used or the role may not read it. Values are bigint: text keeps them exact;
 * the fraction is computed in numeric so huge ranges do not round to 0 or 1 too early.
 */
export const SEQUENCES = defineQuery<SequenceRow>(
  'sequences',
  `
  SELECT schemaname AS schema_name,
         sequencename AS sequence_name,
         data_type::text AS data_type,
         last_value::text AS last_value,
         min_value::text AS min_value,
         max_value::text AS max_value,
         increment_by::text AS increment_by,
         cycle,
         (CASE WHEN last_value IS NULL THEN NULL
               WHEN increment_by > 0 THEN (max_value::numeric - last_value) / nullif(max_value::numeric - min_value, 0)
               ELSE (last_value::numeric - min_value) / nullif(max_value::numeric - min_value, 0)
          END)::float8 AS remaining_fraction
  FROM pg_sequences
  ORDER BY schemaname, sequencename
  `,
);
