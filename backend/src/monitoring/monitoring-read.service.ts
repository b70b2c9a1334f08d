import { BadRequestException, Injectable } from '@nestjs/common';
import {
  type CatalogCoverage,
  catalogCoverageSchema,
  type CollectorStatus,
  parseSeriesBatchItem,
  type SeriesBatchQuery,
  type SeriesQuery,
  type SnapshotQuery,
} from '@inspector/contracts';
import { z } from 'zod';
import { COLLECTORS, collectorsFor, declaredMetricNames } from '../collectors';
import { ConnectionsService } from '../connections';
import { InstanceDirectory } from '../instances/instance-directory';
import { MetricsReader, type StoredSnapshot } from '../metrics/metrics.reader';
import { roundChartValues } from './chart-precision';

const DEFAULT_RANGE_MS = 3_600_000;

/** What a bounded catalog read (tables, indexes) leaves in its collector's facts. */
const catalogFactsSchema = z.object({ catalog: catalogCoverageSchema });

/** What the dashboards read: downsampled series, latest snapshots, collector and instance status. */
@Injectable()
export class MonitoringReadService {
  constructor(
    private readonly metrics: MetricsReader,
    private readonly connections: ConnectionsService,
    private readonly directory: InstanceDirectory,
  ) {}

  /** At most `maxPoints` buckets per object, server-side, and when the metric's collector was running. */
  async series(instanceId: string, query: SeriesQuery) {
    const window = chartWindow(query);
    const { stepMs, monitored, series } = await this.metrics.series(instanceId, { ...window, metric: query.metric, object: query.object });
    // The tier read may be coarser than asked: the buckets are then the tier's.
    return {
      metric: query.metric,
      from: window.from.toISOString(),
      to: window.to.toISOString(),
      stepSeconds: stepMs / 1000,
      monitored,
      series: roundChartValues(series),
    };
  }

  /**
   * Several series over one window, in the order asked: the overview draws all its charts from one request. Only
   * declared metrics: a typo answers 400 naming it instead of an empty chart.
   */
  async seriesBatch(instanceId: string, query: SeriesBatchQuery) {
    const items = query.metrics.map((item) => parseSeriesBatchItem(item)!);
    const declared = declaredMetricNames();
    const unknown = [...new Set(items.map((item) => item.metric).filter((metric) => !declared.has(metric)))];
    if (unknown.length > 0) {
      throw new BadRequestException({
        message: `Unknown metric: ${unknown.join(', ')}`,
        errors: unknown.map((metric) => ({ path: 'metrics', message: `no metric named ${metric}` })),
      });
    }
    const window = chartWindow(query);
    const [from, to] = [window.from.toISOString(), window.to.toISOString()];
    const reads = await this.metrics.seriesMany(instanceId, window, items);
    return {
      from,
      to,
      items: reads.map(({ stepMs, monitored, series }, index) => ({
        metric: items[index]!.metric,
        from,
        to,
        stepSeconds: stepMs / 1000,
        monitored,
        series: roundChartValues(series),
      })),
    };
  }

  /**
   * Latest rows of one snapshot, filtered by a text search over its values, sorted and paginated; says when the list was
   * cut. MySQL's kinds are read through `/mysql/:kind` (MysqlSnapshotsService), each behind its own permission.
   */
  async snapshot(instanceId: string, kind: string, query: SnapshotQuery) {
    // Bounded catalog reads (tables, indexes) store how much they kept in their collector's facts.
    const { snapshot, facts } = await this.metrics.snapshotWithFacts(instanceId, kind);
    let rows = (snapshot?.rows ?? []) as Record<string, unknown>[];
    // Statement texts are stored apart: a search or a sort over them needs them all, otherwise only the page's.
    const textsFirst = Boolean(query.q) || query.sort === 'query';
    if (textsFirst) rows = await this.metrics.withStatementTexts(instanceId, kind, rows);
    if (query.q) {
      const needle = query.q.toLowerCase();
      rows = rows.filter((row) => Object.values(row).some((value) => typeof value === 'string' && value.toLowerCase().includes(needle)));
    }
    if (query.sort) {
      const key = query.sort;
      const direction = query.order === 'asc' ? 1 : -1;
      rows = [...rows].sort((a, b) => direction * compare(a[key], b[key]));
    }
    const page = rows.slice(query.offset, query.offset + query.limit);
    return {
      kind,
      at: snapshot?.at.toISOString() ?? null,
      total: rows.length,
      rows: textsFirst ? page : await this.metrics.withStatementTexts(instanceId, kind, page),
      partial: cutBy(snapshot, facts),
    };
  }

  async collectorStatuses(instanceId: string): Promise<CollectorStatus[]> {
    const [rows, engine] = await Promise.all([this.metrics.collectorRuns(instanceId), this.directory.engine(instanceId)]);
    // Only the collectors the instance's engine runs: the others would read "never" forever.
    return (engine ? collectorsFor(engine) : COLLECTORS).map((collector) => {
      const row = rows.find((candidate) => candidate.collectorId === collector.id);
      return {
        collectorId: collector.id,
        title: collector.title,
        intervalSeconds: collector.defaultIntervalSeconds,
        retentionDays: collector.defaultRetentionDays,
        status: row?.status ?? 'never',
        lastRunAt: row?.lastRunAt.toISOString() ?? null,
        durationMs: row?.durationMs ?? null,
        rows: row?.rows ?? null,
        error: row?.error ?? null,
        consecutiveFailures: row?.consecutiveFailures ?? 0,
      };
    });
  }

  /** Down when the connection is lost, degraded when some collectors fail, up otherwise. */
  async instanceStatus(instanceId: string) {
    const collectors = await this.collectorStatuses(instanceId);
    const connection = this.connections.peek(instanceId)?.status();
    const failing = collectors.filter((collector) => collector.status === 'error').map((collector) => collector.collectorId);
    const ran = collectors.some((collector) => collector.status !== 'never');
    const down =
      (connection?.state === 'down' && connection.lastError !== null) || (ran && failing.length === collectors.filter((c) => c.status !== 'never').length);
    const state = !ran && !connection ? 'unknown' : down ? 'down' : failing.length > 0 ? 'degraded' : 'up';
    const lastError = connection?.lastError ?? collectors.find((collector) => collector.error && collector.status === 'error')?.error ?? null;
    return { instanceId, state, lastError, failingCollectors: failing, collectors } as const;
  }
}

/** The window asked for (the last hour when none) and a bucket width giving at most `maxPoints` buckets. */
function chartWindow(query: { from?: string; to?: string; maxPoints: number }): { from: Date; to: Date; stepMs: number } {
  const to = query.to ? new Date(query.to) : new Date();
  const from = query.from ? new Date(query.from) : new Date(to.getTime() - DEFAULT_RANGE_MS);
  // A range of n steps touches n + 1 buckets when it does not start on a bucket boundary.
  const stepMs = Math.max(1_000, Math.ceil((to.getTime() - from.getTime()) / (query.maxPoints - 1) / 1_000) * 1_000);
  return { from, to, stepMs };
}

/** The kept-of-total mark when the run that stored `snapshot` kept less than the whole catalog; null otherwise. */
function cutBy(snapshot: StoredSnapshot | null, facts: StoredSnapshot | null): CatalogCoverage | null {
  // Facts from another run (a newer one landing between the two reads) would describe other rows.
  if (!snapshot || !facts || facts.at.getTime() !== snapshot.at.getTime()) return null;
  const parsed = catalogFactsSchema.safeParse(facts.rows[0]);
  return parsed.success && parsed.data.catalog.total > parsed.data.catalog.kept ? parsed.data.catalog : null;
}

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  const numberA = typeof a === 'number' ? a : Number(a);
  const numberB = typeof b === 'number' ? b : Number(b);
  if (Number.isFinite(numberA) && Number.isFinite(numberB)) return numberA - numberB;
  return String(a).localeCompare(String(b));
}
