import type { Collector } from '../collector';
import { mysqlActivityCollector } from './activity.collector';
import { mysqlIndexesCollector } from './indexes.collector';
import { mysqlInstanceCollector } from './instance.collector';
import { mysqlReplicationCollector } from './replication.collector';
import { mysqlSchemaCollector } from './schema.collector';
import { mysqlStatementsCollector } from './statements.collector';
import { mysqlStatusCollector } from './status.collector';
import { mysqlTablesCollector } from './tables.collector';

/** MySQL and MariaDB collectors, in the order a full pass runs them (cheap and urgent first). */
export const MYSQL_COLLECTORS: readonly Collector[] = [
  mysqlActivityCollector,
  mysqlStatusCollector,
  mysqlReplicationCollector,
  mysqlStatementsCollector,
  mysqlInstanceCollector,
  mysqlTablesCollector,
  mysqlIndexesCollector,
  mysqlSchemaCollector,
];
