import { defineAnalyzer } from '../analyzer';
import { isMariadb } from './mysql-text';

/**
 * Inspector only reads statistics; a monitoring account with SUPER (or ALL) or any write privilege turns a leaked
 * Inspector credential into control of the server. Judged from the grants the instance collector reads.
 */
export const mysqlMonitoringAccount = defineAnalyzer({
  id: 'mysql-monitoring-account-privileges',
  title: 'Monitoring account privileges',
  category: 'security',
  engines: ['mysql'],
  description: 'The account Inspector connects with has SUPER / ALL PRIVILEGES or can change data.',
  thresholdSchema: {},
  requires: ['mysql_instance.facts'],
  analyze(input) {
    const grants = input.facts('mysql_instance.facts')?.grants;
    if (!grants || (!grants.super && !grants.write)) return [];
    return [
      {
        severity: 'warning',
        objects: { user: grants.user },
        title: grants.super ? `Inspector connects as ${grants.user}, which has SUPER or ALL PRIVILEGES` : `Inspector's account ${grants.user} can change data`,
        evidence: { super: grants.super, write: grants.write, privileges: grants.privileges },
        recommendation: [
          '-- Give Inspector an account that can only read statistics, then point the instance at it:',
          "CREATE USER 'inspector'@'<inspector host>' IDENTIFIED BY '<password>';",
          isMariadb(input)
            ? "GRANT PROCESS, SLAVE MONITOR ON *.* TO 'inspector'@'<inspector host>';"
            : "GRANT PROCESS, REPLICATION CLIENT ON *.* TO 'inspector'@'<inspector host>';",
          "GRANT SELECT ON performance_schema.* TO 'inspector'@'<inspector host>';",
        ].join('\n'),
      },
    ];
  },
});
