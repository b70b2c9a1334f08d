import type { Analyzer } from '../analyzer';
import { mysqlAutoIncrement } from './auto-increment';
import { mysqlBufferPool } from './buffer-pool';
import { mysqlConnectionSaturation } from './connection-saturation';
import { mysqlForeignKeyIndex } from './foreign-key-index';
import { mysqlIdleTransaction } from './idle-transaction';
import { mysqlLockWaitChain } from './lock-wait-chain';
import { mysqlLongRunningQuery } from './long-running-query';
import { mysqlMonitoringAccount } from './monitoring-account';
import { mysqlPrimaryKey } from './primary-key';
import { mysqlRedundantIndex } from './redundant-index';
import { mysqlReplication } from './replication';
import { mysqlRiskySettings } from './risky-settings';
import { mysqlTopStatements } from './top-statements';
import { mysqlUnusedIndex } from './unused-index';

/** The MySQL / MariaDB analyzers, in the order their findings are produced (urgent sessions first, suggestions last). */
export const MYSQL_ANALYZERS: readonly Analyzer[] = [
  mysqlLockWaitChain,
  mysqlIdleTransaction,
  mysqlLongRunningQuery,
  mysqlConnectionSaturation,
  mysqlReplication,
  mysqlAutoIncrement,
  mysqlForeignKeyIndex,
  mysqlRedundantIndex,
  mysqlUnusedIndex,
  mysqlPrimaryKey,
  mysqlBufferPool,
  mysqlTopStatements,
  mysqlRiskySettings,
  mysqlMonitoringAccount,
];
