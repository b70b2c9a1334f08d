import { defineAnalyzer, inDatabase } from '../analyzer';
import { count, megabytes, ratio } from '../threshold';
import { formatBytes, MEGABYTE, num, percent, qualifiedName } from '../sql-text';

/**
 * A large share of dead row versions: scans read them, the table and its indexes grow. Small tables are not
 * judged; nor are tables with few dead rows in absolute terms (a high ratio of a tiny number is noise).
 */
export const deadTuples = defineAnalyzer({
  id: 'dead-tuples',
  title: 'Dead-tuple bloat',
  category: 'tables',
  description: 'Tables where dead rows make up a large share, because vacuum does not keep up or cannot run.',
  thresholdSchema: { minTableSizeMb: megabytes(10), minDeadTuples: count(10_000), deadRatio: ratio(0.2) },
  requires: ['tables'],
  analyze(input, thresholds) {
    return input.rows('tables').flatMap((table) => {
      const dead = num(table.n_dead_tup);
      const ratio = dead / Math.max(1, dead + num(table.n_live_tup));
      const size = num(table.table_size_bytes);
      if (size < thresholds.minTableSizeMb * MEGABYTE || dead < thresholds.minDeadTuples || ratio < thresholds.deadRatio) return [];
      const name = qualifiedName(table.schema_name, table.table_name);
      return [
        {
          severity: 'warning' as const,
          objects: inDatabase(input, { schema: table.schema_name, table: table.table_name }),
          title: `${table.schema_name}.${table.table_name} is ${percent(ratio)} dead rows`,
          evidence: {
            deadTuples: dead,
            liveTuples: num(table.n_live_tup),
            deadRatio: ratio,
            tableSizeBytes: size,
            estimatedWasteBytes: Math.round(size * ratio),
            lastVacuum: table.last_vacuum,
            lastAutovacuum: table.last_autovacuum,
            autovacuumEnabled: table.autovacuum_enabled,
          },
          recommendation: [
            ...(table.autovacuum_enabled
              ? []
              : ['-- Autovacuum is disabled for this table; turn it back on:', `ALTER TABLE ${name} RESET (autovacuum_enabled);`]),
            `VACUUM (ANALYZE) ${name};`,
            `-- VACUUM makes the ~${formatBytes(size * ratio)} reusable; giving it back to the OS needs VACUUM FULL (locks the table) or pg_repack.`,
          ].join('\n'),
        },
      ];
    });
  },
});
