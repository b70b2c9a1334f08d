import { Injectable } from '@nestjs/common';
import type { InstanceSummaryResponse } from '@inspector/contracts';
import { z } from 'zod';
import type { Analyzer } from '../analyzers/analyzer';
import { AnalyzerConfigService, type EffectiveConfig } from '../analyzers/analyzer-config.service';
import { blockingLocks } from '../analyzers/sessions/blocking-locks';
import { connectionSaturation } from '../analyzers/sessions/connections';
import { idleInTransaction } from '../analyzers/sessions/idle-in-transaction';
import { longRunningQuery } from '../analyzers/sessions/long-running-query';
import { wraparound } from '../analyzers/tables/wraparound';
import { cacheHitRatio } from '../analyzers/workload/cache-hit-ratio';
import { MetricsReader } from '../metrics/metrics.reader';
import { aboveCeiling, belowFloor, blockedState, connectionsState, measuredState, uptimeState } from './stat-states';

/** The series the strip reads, each at its current value (a gauge's last reading, a counter's last rate). */
const STRIP_METRICS = [
  'activity.client_sessions',
  'activity.sessions',
  'activity.blocked_sessions',
  'activity.longest_transaction_seconds',
  'activity.longest_active_query_seconds',
  'instance.max_connections',
  'databases.frozen_xid_age',
  'databases.blks_hit',
  'databases.blks_read',
  // MySQL and MariaDB instances fill the cells they have an equivalent for; PostgreSQL-only cells stay empty.
  'mysql_status.connections',
  'mysql_status.max_connections',
  'mysql_activity.active',
  'mysql_activity.waiting_for_lock',
] as const;

/** The instance collector's facts row; only what the strip shows is read, and a malformed row reads as unknown. */
const factsSchema = z.object({ server_version: z.string().nullish(), started_at: z.coerce.date().nullish() });
/** The MySQL instance collector's facts: the start is its uptime back from when it was read. */
const mysqlFactsSchema = z.object({ version: z.string(), uptime_seconds: z.number() });

type Current = Record<string, Record<string, number>>;

const single = (current: Current, metric: string): number | null => current[metric]?.[''] ?? null;
const total = (current: Current, metric: string): number | null => {
  const values = Object.values(current[metric] ?? {});
  return values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0);
};

/**
 * One instance at a glance, each figure judged with the thresholds its analyzer applies on this instance (global and
 * per-instance overrides included), so the strip and the findings never disagree about what is too much.
 */
@Injectable()
export class InstanceSummaryService {
  constructor(
    private readonly metrics: MetricsReader,
    private readonly analyzers: AnalyzerConfigService,
  ) {}

  async summary(instanceId: string, now = new Date()): Promise<InstanceSummaryResponse> {
    const [current, factsRow, mysqlFactsRow, lastCollectedAt, configs] = await Promise.all([
      this.metrics.currentValues(instanceId, STRIP_METRICS),
      this.metrics.snapshot(instanceId, 'instance.facts'),
      this.metrics.snapshot(instanceId, 'mysql_instance.facts'),
      this.metrics.lastCollectedAt(instanceId),
      this.analyzers.effective(instanceId),
    ]);
    const threshold = (analyzer: Analyzer, name: string) => thresholdOf(configs, analyzer, name);
    const facts = factsSchema.safeParse(factsRow?.rows[0]);
    const mysqlFacts = mysqlFactsSchema.safeParse(mysqlFactsRow?.rows[0]);
    const mysqlStartedAt = mysqlFacts.success ? new Date(mysqlFactsRow!.at.getTime() - mysqlFacts.data.uptime_seconds * 1000) : null;
    const startedAt = facts.success ? (facts.data.started_at ?? null) : mysqlStartedAt;
    const uptime = startedAt === null ? null : Math.max(0, (now.getTime() - startedAt.getTime()) / 1000);

    const used = single(current, 'activity.client_sessions') ?? single(current, 'mysql_status.connections');
    const max = single(current, 'instance.max_connections') ?? single(current, 'mysql_status.max_connections');
    // A state nobody is in is not reported at all: with sessions counted, no active one means zero.
    const active = current['activity.sessions']?.['active'] ?? single(current, 'mysql_activity.active') ?? (used === null ? null : 0);
    const blocked = single(current, 'activity.blocked_sessions') ?? single(current, 'mysql_activity.waiting_for_lock');
    const oldestTransaction = single(current, 'activity.longest_transaction_seconds');
    const longestQuery = single(current, 'activity.longest_active_query_seconds');
    const [xidDatabase, xidAge] = Object.entries(current['databases.frozen_xid_age'] ?? {}).reduce<[string | null, number | null]>(
      (oldest, [database, age]) => (oldest[1] === null || age > oldest[1] ? [database, age] : oldest),
      [null, null],
    );
    const hits = total(current, 'databases.blks_hit');
    const reads = total(current, 'databases.blks_read');
    // No block read at all since the last run: nothing to judge, rather than a perfect ratio.
    const hitRatio = hits === null || reads === null || hits + reads === 0 ? null : hits / (hits + reads);

    return {
      instanceId,
      generatedAt: now.toISOString(),
      lastCollectedAt: lastCollectedAt?.toISOString() ?? null,
      serverVersion: facts.success ? (facts.data.server_version ?? null) : mysqlFacts.success ? mysqlFacts.data.version : null,
      startedAt: startedAt?.toISOString() ?? null,
      uptimeSeconds: { value: uptime, state: uptimeState(uptime) },
      connections: {
        used,
        max,
        state: connectionsState(used, max, {
          warning: threshold(connectionSaturation, 'warningRatio'),
          critical: threshold(connectionSaturation, 'criticalRatio'),
        }),
      },
      activeSessions: { value: active, state: measuredState(active) },
      blockedSessions: { value: blocked, state: blockedState(blocked, threshold(blockingLocks, 'criticalBlockedSessions')) },
      // An open transaction holds back vacuum whether it is idle or not: the idle-in-transaction analyzer's levels.
      oldestTransactionSeconds: {
        value: oldestTransaction,
        state: aboveCeiling(oldestTransaction, {
          warning: threshold(idleInTransaction, 'warningSeconds'),
          critical: threshold(idleInTransaction, 'criticalSeconds'),
        }),
      },
      xidAge: {
        value: xidAge,
        database: xidDatabase,
        state: aboveCeiling(xidAge, { warning: threshold(wraparound, 'warningAge'), critical: threshold(wraparound, 'criticalAge') }),
      },
      longestQuerySeconds: {
        value: longestQuery,
        state: aboveCeiling(longestQuery, {
          warning: threshold(longRunningQuery, 'warningSeconds'),
          critical: threshold(longRunningQuery, 'criticalSeconds'),
        }),
      },
      cacheHitRatio: {
        value: hitRatio,
        state: belowFloor(hitRatio, { info: threshold(cacheHitRatio, 'infoBelow'), warning: threshold(cacheHitRatio, 'warningBelow') }),
      },
      databases: databaseNames(current),
    };
  }
}

/** What applies on the instance, or the analyzer's default if its configuration does not name the threshold. */
function thresholdOf(configs: ReadonlyMap<string, EffectiveConfig>, analyzer: Analyzer, name: string): number {
  return configs.get(analyzer.id)?.thresholds[name] ?? analyzer.defaultThresholds[name]!;
}

/** Every database any databases series reports now, by name. */
function databaseNames(current: Current): string[] {
  const names = new Set(STRIP_METRICS.filter((metric) => metric.startsWith('databases.')).flatMap((metric) => Object.keys(current[metric] ?? {})));
  return [...names].sort((a, b) => a.localeCompare(b));
}
