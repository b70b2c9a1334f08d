import { defineQuery } from './define';

export type RolePrivilegesRow = {
  role_name: string;
  superuser: boolean;
  monitoring_role: boolean;
  can_write: boolean;
};

/**
 * What the monitoring role is allowed to do in the connected database. Inspector needs pg_monitor (or at
 * least pg_read_all_stats) and nothing more; any write privilege is a risk the operator should remove.
 * `has_table_privilege` with a list is true when any one of them is held; CREATE on the database or any
 * application schema counts as writing too. Superusers pass every check.
 */
export const ROLE_PRIVILEGES = defineQuery<RolePrivilegesRow>(
  'role_privileges',
  `
  SELECT r.rolname::text AS role_name,
         r.rolsuper AS superuser,
         pg_has_role('pg_monitor', 'USAGE') OR pg_has_role('pg_read_all_stats', 'USAGE') AS monitoring_role,
         (EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                  WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f')
                    AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname !~ '^pg_(toast|temp_)'
                    AND has_table_privilege(c.oid, 'INSERT, UPDATE, DELETE, TRUNCATE'))
          OR has_database_privilege(current_database(), 'CREATE')
          OR EXISTS (SELECT 1 FROM pg_namespace n
                     WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname !~ '^pg_(toast|temp_)'
                       AND has_schema_privilege(n.oid, 'CREATE'))) AS can_write
  FROM pg_roles r
  WHERE r.rolname = current_user
  `,
);
