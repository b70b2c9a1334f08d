import type { Finding } from '@inspector/contracts';
import type { ObjectMark, ObjectMarks } from '@/features/monitoring/lib/object-marks';

/** Short labels for the analyzers that judge one table or index; others show their id. */
const LABELS: Record<string, string> = {
  'unused-index': 'unused',
  'duplicate-index': 'duplicate',
  'redundant-index': 'redundant',
  'invalid-index': 'invalid',
  'dead-tuples': 'dead tuples',
  'no-primary-key': 'no primary key',
  'missing-index': 'missing index',
  'foreign-key-index': 'unindexed foreign key',
};

/**
 * Findings about a table or an index, keyed `schema.name` as the snapshot rows are. A duplicate-index finding
 * names its indexes as a list (`indexes: "a, b"`): every one of them gets the mark.
 */
export function marksFromFindings(findings: readonly Finding[]): ObjectMarks {
  const tables = new Map<string, ObjectMark[]>();
  const indexes = new Map<string, ObjectMark[]>();
  const add = (map: Map<string, ObjectMark[]>, key: string, mark: ObjectMark) => {
    const list = map.get(key) ?? [];
    if (!list.some((existing) => existing.label === mark.label)) list.push(mark);
    map.set(key, list);
  };
  for (const finding of findings) {
    const { schema, table, index, indexes: indexList } = finding.objects;
    if (schema === undefined || finding.status === 'resolved') continue;
    const mark: ObjectMark = { label: LABELS[finding.analyzerId] ?? finding.analyzerId, title: finding.title, severity: finding.severity };
    const names = [index, ...(typeof indexList === 'string' ? indexList.split(',') : [])]
      .filter((name) => name !== undefined)
      .map((name) => String(name).trim());
    if (names.length > 0) for (const name of names) add(indexes, `${schema}.${name}`, mark);
    else if (table !== undefined) add(tables, `${schema}.${table}`, mark);
  }
  return { tables, indexes };
}
