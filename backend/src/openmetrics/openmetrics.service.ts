import { BadRequestException, Injectable } from '@nestjs/common';
import type { OpenMetricsQuery } from '@inspector/contracts';
import { canOnInstance } from '../access/access-policy';
import type { Principal } from '../access/principal';
import { allCollectors } from '../collectors';
import { FindingsService } from '../findings/findings.service';
import { InstanceDirectory } from '../instances/instance-directory';
import { type LatestValue, MetricsReader } from '../metrics/metrics.reader';
import { MonitoringReadService } from '../monitoring/monitoring-read.service';
import { exportedMetric } from './exported-metrics';
import { type ExportedInstance, type ExpositionFormat, exposition } from './exposition';

const NO_FINDINGS = { critical: 0, warning: 0, info: 0 };

/**
 * The latest collected values of every instance the caller may export, for Prometheus. Reads go through the metrics,
 * monitoring and findings modules: one read per collector for all instances, one for the findings, and each
 * instance's status as its page shows it.
 */
@Injectable()
export class OpenMetricsService {
  constructor(
    private readonly directory: InstanceDirectory,
    private readonly monitoring: MonitoringReadService,
    private readonly metrics: MetricsReader,
    private readonly findings: FindingsService,
  ) {}

  async scrape(principal: Principal, query: OpenMetricsQuery, format: ExpositionFormat): Promise<string> {
    const collectors = this.collectorsAsked(query.collector);
    const visible = (await this.directory.summaries()).filter((instance) => canOnInstance(principal, 'openmetrics:read', instance));
    const ids = visible.map((instance) => instance.id);
    const [statuses, counts] = await Promise.all([
      Promise.all(visible.map((instance) => this.monitoring.instanceStatus(instance.id))),
      this.findings.unresolvedCounts(ids),
    ]);
    const instances: ExportedInstance[] = visible.map((instance, index) => ({
      id: instance.id,
      name: instance.name,
      up: statuses[index]!.state === 'up' || statuses[index]!.state === 'degraded',
      findings: counts.get(instance.id) ?? NO_FINDINGS,
    }));
    const series = [];
    for (const collector of collectors) {
      const byMetric = new Map<string, LatestValue[]>();
      for (const value of await this.metrics.latestValues(ids, collector.id)) {
        const group = byMetric.get(value.metric);
        if (group) group.push(value);
        else byMetric.set(value.metric, [value]);
      }
      for (const declared of collector.metrics) {
        series.push({ exported: exportedMetric(collector, declared), values: byMetric.get(`${collector.id}.${declared.name}`) ?? [] });
      }
    }
    return exposition(format, instances, series);
  }

  /** The collectors a scrape asked for (all when it named none); an unknown id answers 400 naming it. */
  private collectorsAsked(asked: readonly string[] | undefined) {
    // Running plugins' collectors too: their metrics are exported like the built-in ones.
    const known = allCollectors();
    if (!asked) return known;
    const unknown = asked.filter((id) => !known.some((collector) => collector.id === id));
    if (unknown.length > 0) {
      throw new BadRequestException({
        message: `Unknown collector: ${unknown.join(', ')}`,
        errors: unknown.map((id) => ({ path: 'collector', message: `no collector named ${id}` })),
      });
    }
    return known.filter((collector) => asked.includes(collector.id));
  }
}
