import type { Engine } from '@inspector/contracts';
import { MonitorConnection, type MonitorConnectionOptions } from './monitor-connection';
import type { MonitoredConnection } from './monitored-connection';
import { MysqlConnection } from './mysql/mysql-connection';

/** The connection class for the instance's engine; both refuse a URL of the other engine (ConnectionConfigError). */
export function openMonitoredConnection(engine: Engine, options: MonitorConnectionOptions): MonitoredConnection {
  return engine === 'mysql' ? new MysqlConnection(options) : new MonitorConnection(options);
}
