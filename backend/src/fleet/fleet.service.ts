import { Injectable } from '@nestjs/common';
import type { FleetInstance, FleetQuery, FleetResponse, FleetState } from '@inspector/contracts';
import { canOnInstance } from '../access/access-policy';
import type { Principal } from '../access/principal';
import { FindingsService } from '../findings/findings.service';
import { type InstanceSummary, InstanceDirectory } from '../instances/instance-directory';
import { MetricsReader } from '../metrics/metrics.reader';
import { MonitoringReadService } from '../monitoring/monitoring-read.service';
import { isStale, worstFirst } from './fleet-order';

/** The series the board reads, each at its current value. */
const BOARD_METRICS = [
  'activity.client_sessions',
  'activity.longest_transaction_seconds',
  'instance.max_connections',
  'databases.xact_commit',
  'databases.xact_rollback',
  'databases.frozen_xid_age',
  'replication.standby_replay_lag_seconds',
  'replication.replay_delay_seconds',
  // MySQL and MariaDB instances: their own names for the same cells; PostgreSQL-only cells stay empty.
  'mysql_status.connections',
  'mysql_status.max_connections',
  'mysql_replication.seconds_behind',
] as const;

type Current = Record<string, Record<string, number>>;

const single = (current: Current, metric: string): number | null => current[metric]?.[''] ?? null;
const values = (current: Current, metric: string): number[] => Object.values(current[metric] ?? {});
const largest = (numbers: number[]): number | null => (numbers.length === 0 ? null : Math.max(...numbers));
const total = (numbers: number[]): number | null => (numbers.length === 0 ? null : numbers.reduce((sum, value) => sum + value, 0));

/** One line per instance the user may watch: is it collected, how loaded, what is wrong; worst first. */
@Injectable()
export class FleetService {
  constructor(
    private readonly directory: InstanceDirectory,
    private readonly monitoring: MonitoringReadService,
    private readonly metrics: MetricsReader,
    private readonly findings: FindingsService,
  ) {}

  async board(principal: Principal, query: FleetQuery, now = new Date()): Promise<FleetResponse> {
    const visible = (await this.directory.summaries())
      .filter((instance) => canOnInstance(principal, 'monitoring:read', instance))
      .filter((instance) => query.tag === undefined || instance.tags.includes(query.tag));
    const counts = await this.findings.unresolvedCounts(visible.filter((instance) => canOnInstance(principal, 'findings:read', instance)).map(({ id }) => id));
    const items = await Promise.all(
      visible.map((instance) =>
        this.line(
          instance,
          now,
          canOnInstance(principal, 'findings:read', instance) ? (counts.get(instance.id) ?? { critical: 0, warning: 0, info: 0 }) : null,
        ),
      ),
    );
    return { generatedAt: now.toISOString(), items: items.sort(worstFirst) };
  }

  private async line(instance: InstanceSummary, now: Date, findings: FleetInstance['findings']): Promise<FleetInstance> {
    const [status, lastCollectedAt, current] = await Promise.all([
      this.monitoring.instanceStatus(instance.id),
      this.metrics.lastCollectedAt(instance.id),
      this.metrics.currentValues(instance.id, BOARD_METRICS),
    ]);
    const used = single(current, 'activity.client_sessions') ?? single(current, 'mysql_status.connections');
    const max = single(current, 'instance.max_connections') ?? single(current, 'mysql_status.max_connections');
    return {
      instanceId: instance.id,
      name: instance.name,
      tags: instance.tags,
      state: this.state(status, lastCollectedAt, now),
      lastCollectedAt: lastCollectedAt?.toISOString() ?? null,
      lastError: status.lastError,
      findings,
      connections: used !== null && max !== null ? { used, max } : null,
      transactionsPerSecond: total([...values(current, 'databases.xact_commit'), ...values(current, 'databases.xact_rollback')]),
      longestTransactionSeconds: single(current, 'activity.longest_transaction_seconds'),
      replicationLagSeconds: largest([
        ...values(current, 'replication.standby_replay_lag_seconds'),
        ...values(current, 'replication.replay_delay_seconds'),
        ...values(current, 'mysql_replication.seconds_behind'),
      ]),
      xidAge: largest(values(current, 'databases.frozen_xid_age')),
    };
  }

  private state(status: Awaited<ReturnType<MonitoringReadService['instanceStatus']>>, lastCollectedAt: Date | null, now: Date): FleetState {
    if (status.state === 'down' || status.state === 'unknown') return status.state;
    const intervals = status.collectors.filter((collector) => collector.status !== 'never').map((collector) => collector.intervalSeconds);
    if (lastCollectedAt === null || intervals.length === 0) return 'unknown';
    return isStale(lastCollectedAt, Math.min(...intervals), now) ? 'stale' : status.state;
  }
}
