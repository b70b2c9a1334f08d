import type { Analyzer } from './analyzer';
import { thresholdValueProblem } from './threshold';
import { instanceUnreachable } from './availability/instance-unreachable';
import { monitoringRole } from './configuration/monitoring-role';
import { settingsTuning } from './configuration/settings-tuning';
import { duplicateIndex } from './indexes/duplicate-index';
import { invalidIndex } from './indexes/invalid-index';
import { missingIndex } from './indexes/missing-index';
import { redundantIndex } from './indexes/redundant-index';
import { unusedIndex } from './indexes/unused-index';
import { MYSQL_ANALYZERS } from './mysql';
import { inactiveSlots } from './replication/inactive-slots';
import { replicationLag } from './replication/replication-lag';
import { blockingLocks } from './sessions/blocking-locks';
import { connectionSaturation } from './sessions/connections';
import { idleInTransaction } from './sessions/idle-in-transaction';
import { longRunningQuery } from './sessions/long-running-query';
import { deadTuples } from './tables/dead-tuples';
import { foreignKeyIndex } from './tables/foreign-key-index';
import { primaryKey } from './tables/primary-key';
import { sequences } from './tables/sequences';
import { vacuumMaintenance } from './tables/vacuum-maintenance';
import { wraparound } from './tables/wraparound';
import { cacheHitRatio } from './workload/cache-hit-ratio';
import { topStatements } from './workload/top-statements';

/** Every analyzer, in the order findings are produced (urgent sessions first, suggestions last), PostgreSQL's then MySQL's. */
export const ANALYZERS: readonly Analyzer[] = Object.freeze([
  instanceUnreachable,
  blockingLocks,
  idleInTransaction,
  longRunningQuery,
  connectionSaturation,
  wraparound,
  sequences,
  inactiveSlots,
  replicationLag,
  invalidIndex,
  deadTuples,
  vacuumMaintenance,
  foreignKeyIndex,
  duplicateIndex,
  unusedIndex,
  redundantIndex,
  missingIndex,
  primaryKey,
  cacheHitRatio,
  topStatements,
  settingsTuning,
  monitoringRole,
  ...MYSQL_ANALYZERS,
]);

export function findAnalyzer(id: string): Analyzer | undefined {
  return ANALYZERS.find((analyzer) => analyzer.id === id);
}

// Findings and overrides are keyed by analyzer id: a duplicate would merge two analyzers' findings.
for (const analyzer of ANALYZERS) {
  if (ANALYZERS.filter((other) => other.id === analyzer.id).length > 1) throw new Error(`duplicate analyzer id "${analyzer.id}"`);
  for (const [name, spec] of Object.entries(analyzer.thresholdSchema)) {
    const problem = thresholdValueProblem(name, spec.unit, spec.default);
    if (problem) throw new Error(`analyzer "${analyzer.id}" declares a default its own unit refuses: ${problem}`);
  }
}
