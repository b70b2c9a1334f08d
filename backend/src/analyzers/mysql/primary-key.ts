import { defineAnalyzer } from '../analyzer';
import { count } from '../threshold';
import { mysqlTableName } from './mysql-text';

/**
 * Tables without a primary key: InnoDB clusters rows on a hidden key nobody can address, row-based replication
 * must scan the table for every row an UPDATE or DELETE changes (replicas fall behind), and Group Replication
 * refuses the table. A suggestion on small tables, a warning once they are large.
 */
export const mysqlPrimaryKey = defineAnalyzer({
  id: 'mysql-no-primary-key',
  title: 'No primary key',
  category: 'tables',
  engines: ['mysql'],
  description: 'Tables without a primary key.',
  thresholdSchema: { minTableRows: count(0), warningRows: count(100_000) },
  requires: ['mysql.tables'],
  analyze(input, thresholds) {
    return input
      .rows('mysql.tables')
      .filter((table) => !table.has_primary_key && table.rows_estimate >= thresholds.minTableRows)
      .map((table) => {
        const name = mysqlTableName(table.schema, table.table);
        return {
          severity: table.rows_estimate >= thresholds.warningRows ? ('warning' as const) : ('info' as const),
          objects: { schema: table.schema, table: table.table },
          title: `${table.schema}.${table.table} has no primary key`,
          evidence: { engine: table.engine, rowsEstimate: table.rows_estimate, dataBytes: table.data_bytes },
          recommendation: [
            '-- Declare the column(s) that identify a row:',
            `ALTER TABLE ${name} ADD PRIMARY KEY (<column>);`,
            '-- or, if none does, add a surrogate key (rebuilds the table):',
            `ALTER TABLE ${name} ADD COLUMN id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY FIRST;`,
          ].join('\n'),
        };
      });
  },
});
