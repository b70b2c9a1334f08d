import type { Engine } from '@inspector/contracts';

/** What the form says for each engine: its name, an example URL with its default port, and where a URL could live. */
export const ENGINES: Record<Engine, { label: string; defaultPort: number; urlExample: string; envExample: string; account: string }> = {
  postgres: {
    label: 'PostgreSQL',
    defaultPort: 5432,
    urlExample: 'postgres://monitor:password@db.example.com:5432/postgres',
    envExample: 'PG_PRODUCTION_URL',
    account: 'a role with read-only monitoring rights (pg_monitor)',
  },
  mysql: {
    label: 'MySQL / MariaDB',
    defaultPort: 3306,
    urlExample: 'mysql://monitor:password@db.example.com:3306/',
    envExample: 'MYSQL_PRODUCTION_URL',
    account: 'an account with PROCESS, REPLICATION CLIENT and SELECT on performance_schema, and no write privilege',
  },
};

export const ENGINE_ORDER: readonly Engine[] = ['postgres', 'mysql'];

export const engineLabel = (engine: Engine) => ENGINES[engine].label;
