import { defineAnalyzer, inDatabase } from '../analyzer';
import { megabytes } from '../threshold';
import { formatBytes, MEGABYTE, num } from '../sql-text';
import { backsConstraint, dropStatement, duplicateGroups } from './index-shape';

/**
 * Indexes with the same definition under different names: every write maintains both, the planner uses one.
 * One finding per group (so its identity does not change when scan counts shift which index to keep); the ones
 * to drop are those that enforce nothing. A group where every extra index backs a constraint is left alone.
 */
export const duplicateIndex = defineAnalyzer({
  id: 'duplicate-index',
  title: 'Duplicate index',
  category: 'indexes',
  description: 'Two or more indexes with the same columns, method and predicate on one table.',
  thresholdSchema: { minIndexSizeMb: megabytes(1) },
  requires: ['indexes'],
  analyze(input, thresholds) {
    return duplicateGroups(input.rows('indexes')).flatMap((group) => {
      const [keep, ...others] = group;
      const drop = others.filter((row) => !backsConstraint(row));
      const wasted = drop.reduce((sum, row) => sum + num(row.size_bytes), 0);
      if (drop.length === 0 || wasted < thresholds.minIndexSizeMb * MEGABYTE) return [];
      const names = group.map((row) => row.index_name).sort();
      return [
        {
          severity: 'warning' as const,
          objects: inDatabase(input, { schema: keep.schema_name, table: keep.table_name, indexes: names.join(', ') }),
          title: `Duplicate indexes on ${keep.schema_name}.${keep.table_name}: ${names.join(', ')}`,
          evidence: {
            keep: keep.index_name,
            drop: drop.map((row) => row.index_name),
            wastedBytes: wasted,
            indexes: group.map((row) => ({
              name: row.index_name,
              scans: num(row.idx_scan),
              sizeBytes: num(row.size_bytes),
              unique: row.is_unique,
              constraint: row.constraint_name,
            })),
          },
          recommendation: [
            `-- Keep ${keep.index_name}${backsConstraint(keep) ? ' (it backs a constraint)' : ''}; the others repeat it and waste ${formatBytes(wasted)}.`,
            ...drop.map(dropStatement),
          ].join('\n'),
        },
      ];
    });
  },
});
