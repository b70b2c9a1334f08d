import { defineAnalyzer } from '../analyzer';
import { quoteIdent } from '../sql-text';

/**
 * Inspector only reads statistics; a monitoring role that is a superuser or may write turns a leaked Inspector
 * credential into full control of the database. Judged from the role's privileges, which the instance collector reads.
 */
export const monitoringRole = defineAnalyzer({
  id: 'monitoring-role-privileges',
  title: 'Monitoring role privileges',
  category: 'security',
  description: 'The role Inspector connects with is a superuser or can change data.',
  thresholdSchema: {},
  requires: ['instance.facts'],
  skipReason: (input) => (input.facts('instance.facts')?.role ? null : 'the monitoring role’s privileges are not collected'),
  analyze(input) {
    const role = input.facts('instance.facts')?.role;
    if (!role || (!role.superuser && !role.can_write)) return [];
    return [
      {
        severity: 'warning',
        objects: { role: role.role_name },
        title: role.superuser ? `Inspector connects as superuser ${role.role_name}` : `Inspector's role ${role.role_name} can change data`,
        evidence: { superuser: role.superuser, canWrite: role.can_write, pgMonitor: role.monitoring_role },
        recommendation: [
          '-- Give Inspector a role that can only read statistics, then point the instance at it:',
          "CREATE ROLE inspector_monitor LOGIN PASSWORD '<password>';",
          'GRANT pg_monitor TO inspector_monitor;',
          ...(role.superuser
            ? []
            : [`-- or take the write privileges away from ${quoteIdent(role.role_name)} (table grants, CREATE on the database and schemas).`]),
        ].join('\n'),
      },
    ];
  },
});
