import { defineAnalyzer } from '../analyzer';
import { count, days } from '../threshold';
import { formatDuration } from '../sql-text';
import { addIndexStatement, dropIndexStatement, indexKey } from './index-shape';

/**
 * Secondary indexes no statement read through since the server started: they still cost every write and the buffer
 * pool. Indexes that enforce something (primary, unique) are never judged, nor small tables. Reads are counted by
 * performance_schema from server start, so a young server has too little history to judge, and a server without
 * performance_schema cannot be judged at all (a null count is "unknown", never "unused").
 */
export const mysqlUnusedIndex = defineAnalyzer({
  id: 'mysql-unused-index',
  title: 'Unused index',
  category: 'indexes',
  engines: ['mysql'],
  description: 'Secondary indexes never read since the server started, on tables large enough to matter.',
  thresholdSchema: { maxRowsRead: count(0), minTableRows: count(10_000), minUptimeDays: days(7) },
  requires: ['mysql.indexes', 'mysql.tables', 'mysql_instance.facts'],
  skipReason(input, thresholds) {
    const facts = input.facts('mysql_instance.facts');
    const judged = input.rows('mysql.indexes').filter((row) => !row.primary && !row.unique);
    // One index without a count (its table not opened since start) is left out below; none counted means no source.
    if (facts?.performance_schema === false || (judged.length > 0 && judged.every((row) => row.rows_read === null))) {
      return 'index reads are unknown: performance_schema is off or not readable by the monitoring account';
    }
    const uptime = facts?.uptime_seconds ?? 0;
    if (uptime < thresholds.minUptimeDays * 86_400) return `the server started ${formatDuration(uptime)} ago: too little history to call an index unused`;
    return null;
  },
  analyze(input, thresholds) {
    const uptime = input.facts('mysql_instance.facts')?.uptime_seconds ?? 0;
    const tableRows = new Map(input.rows('mysql.tables').map((table) => [`${table.schema}.${table.table}`, table.rows_estimate]));
    return input
      .rows('mysql.indexes')
      .filter((row) => !row.primary && !row.unique && row.rows_read !== null && row.rows_read <= thresholds.maxRowsRead)
      .filter((row) => (tableRows.get(`${row.schema}.${row.table}`) ?? 0) >= thresholds.minTableRows)
      .map((row) => ({
        severity: 'warning' as const,
        objects: { schema: row.schema, table: row.table, index: row.index },
        title: `Index ${row.index} on ${row.schema}.${row.table} is not used`,
        evidence: {
          index: indexKey(row),
          columns: row.columns,
          rowsRead: row.rows_read,
          tableRows: tableRows.get(`${row.schema}.${row.table}`),
          uptimeSeconds: uptime,
        },
        recommendation: [
          `-- ${row.rows_read} rows read through it in the ${formatDuration(uptime)} since the server started. Replicas keep their own counts: check they do not use it either.`,
          '-- To try first without dropping (MySQL 8: ALTER TABLE ... ALTER INDEX ... INVISIBLE; MariaDB 10.6+: IGNORED), or drop it:',
          dropIndexStatement(row),
          '-- To undo:',
          `-- ${addIndexStatement(row)}`,
        ].join('\n'),
      }));
  },
});
