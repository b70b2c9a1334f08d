/** The collector engine's public surface: connections to monitored instances, collectors, and the connection test. */
export type {
  Collector,
  CollectorContext,
  CollectorOutput,
  CollectorSettings,
  CollectorSnapshot,
  CollectorTier,
  MetricDeclaration,
  MetricKind,
  MetricReadings,
  MetricSample,
  QueryRunner,
  RowMetric,
} from './collector';
export { CollectorUnavailableError, DEFAULT_COLLECTOR_SETTINGS } from './collector';
export type { MonitorTls, TlsMode } from './connection-config';
export { APPLICATION_NAME, ConnectionConfigError } from './connection-config';
export type { ConnectionTestFailure, ConnectionTestResult, ConnectionTestSuccess, ExtensionCheck } from './connection-test';
export { testConnection } from './connection-test';
export { MonitorConnectionError, MonitorError, MonitorQueryRefusedError, MonitorQueueFullError, MonitorTimeoutError } from './errors';
export type { MonitorConnectionOptions } from './monitor-connection';
export type { ConnectionState, ConnectionStatus, MonitoredConnection, ServerFlavour, SessionInfo } from './monitored-connection';
export { MonitorConnection } from './monitor-connection';
export { MysqlConnection } from './mysql/mysql-connection';
export { openMonitoredConnection } from './open-connection';
export { readingValue, samplesOf } from './metrics';
export {
  allCollectors,
  COLLECTORS,
  collectorsFor,
  declaredMetricNames,
  findCollector,
  metricCatalog,
  onPluginCollectorsChanged,
  setPluginCollectors,
} from './registry';
export type { CollectorRun } from './runner';
export { MIN_SERVER_VERSION_NUM, runCollector, runCollectors } from './runner';
export type { MonitorQuery } from './sql/define';
export { REGISTERED_QUERIES } from './sql/registry';
