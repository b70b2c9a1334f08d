import type { MysqlAutoIncrementRow } from '../../collectors/mysql/rows';
import { defineAnalyzer } from '../analyzer';
import { ratio } from '../threshold';
import { percent } from '../sql-text';
import { mysqlTableName, quoteMysqlIdent } from './mysql-text';

const WIDER: Record<string, string> = { tinyint: 'SMALLINT', smallint: 'MEDIUMINT', mediumint: 'INT', int: 'BIGINT', integer: 'BIGINT' };

/**
 * AUTO_INCREMENT columns close to the largest value their type holds: past it every INSERT fails with a duplicate
 * key error. Judged on the share of the type's range still free (the next value the table hands out).
 */
export const mysqlAutoIncrement = defineAnalyzer({
  id: 'mysql-auto-increment-exhaustion',
  title: 'Auto-increment near exhaustion',
  category: 'tables',
  engines: ['mysql'],
  description: 'AUTO_INCREMENT columns with little of their type’s range left.',
  thresholdSchema: { remainingShare: ratio(0.1), criticalRemainingShare: ratio(0.01) },
  requires: ['mysql_schema.facts'],
  analyze(input, thresholds) {
    return (input.facts('mysql_schema.facts')?.auto_increments ?? []).flatMap((column) => {
      const remaining = Math.max(0, column.max_value - column.next_value + 1) / Math.max(1, column.max_value);
      if (remaining > thresholds.remainingShare) return [];
      return [
        {
          severity: remaining <= thresholds.criticalRemainingShare ? ('critical' as const) : ('warning' as const),
          objects: { schema: column.schema, table: column.table, column: column.column },
          title: `${column.schema}.${column.table}.${column.column} has ${percent(remaining)} of its ${column.data_type}${column.unsigned ? ' unsigned' : ''} range left`,
          evidence: {
            nextValue: column.next_value,
            maxValue: column.max_value,
            dataType: column.data_type,
            unsigned: column.unsigned,
            remainingShare: remaining,
          },
          recommendation: widen(column),
        },
      ];
    });
  },
});

/** A signed column first doubles its range as UNSIGNED (ids are rarely negative); otherwise the next wider type. */
function widen(column: MysqlAutoIncrementRow): string {
  const name = mysqlTableName(column.schema, column.table);
  const type = column.unsigned ? WIDER[column.data_type] : column.data_type.toUpperCase();
  if (!type) return '-- The column already spans the whole BIGINT UNSIGNED range: change how keys are generated.';
  return [
    '-- Widen the column (rebuilds the table and blocks writes meanwhile: plan it, or use an online schema change tool).',
    '-- Widen the columns of foreign keys that reference it too.',
    `ALTER TABLE ${name} MODIFY ${quoteMysqlIdent(column.column)} ${type} UNSIGNED NOT NULL AUTO_INCREMENT;`,
  ].join('\n');
}
