import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Engine } from '@inspector/contracts';
import type { Repository } from 'typeorm';
import { z } from 'zod';
import type { FindingDraft } from '../analyzers/analyzer';
import { MetricsReader } from '../metrics/metrics.reader';
import { PluginApprovalEntity } from './plugin-approval.entity';
import { labelsOf, pluginCollectorId } from './plugin-collectors';
import { PluginRuntimeService } from './plugin-runtime.service';

const MAX_FINDINGS = 100;

/** What a plugin analyzer answers, checked before it becomes findings. */
const findingsSchema = z
  .array(
    z.strictObject({
      key: z.string().min(1).max(200),
      severity: z.enum(['info', 'warning', 'critical']),
      title: z.string().min(1).max(300),
      detail: z.string().max(4_000),
    }),
  )
  .max(MAX_FINDINGS);

export interface PluginAnalysis {
  drafts: Array<FindingDraft & { analyzerId: string }>;
  /** Analyzers that answered: their findings not reported again resolve. */
  ran: string[];
  /** Analyzers that failed (the plugin's error, or the plugin not running): their findings stay as they are. */
  skipped: Array<{ analyzerId: string; reason: string }>;
  /**
   * Whether an analyzer id belongs to a plugin an administrator disabled: like a disabled built-in analyzer, it counts
   * as having run and found nothing, so its open findings resolve instead of staying open with nobody to judge them.
   */
  withdrawn: (analyzerId: string) => boolean;
}

/**
 * Runs the analyzers of running plugins on an instance, on the latest values of the plugin's own metrics. Their
 * findings go through the same lifecycle as the built-in analyzers' (`plugin.<plugin>.<analyzer>` is the analyzer id),
 * so notification rules match them like any other.
 */
@Injectable()
export class PluginAnalyzersService {
  constructor(
    private readonly runtime: PluginRuntimeService,
    private readonly metrics: MetricsReader,
    @InjectRepository(PluginApprovalEntity) private readonly approvals: Repository<PluginApprovalEntity>,
  ) {}

  async analyze(instanceId: string, engine: Engine): Promise<PluginAnalysis> {
    // `plugin.<plugin>.` opens each of a plugin's analyzer ids (pluginCollectorId); plugin names hold no dot.
    const disabled = (await this.approvals.findBy({ disabled: true })).map((approval) => pluginCollectorId(approval.name, ''));
    const withdrawn = (analyzerId: string) => disabled.some((prefix) => analyzerId.startsWith(prefix));
    const result: PluginAnalysis = { drafts: [], ran: [], skipped: [], withdrawn };
    for (const plugin of this.runtime.names()) {
      const parts = this.runtime.parts(plugin);
      if (!parts || this.runtime.engine(plugin) !== engine || Object.keys(parts.analyzers).length === 0) continue;
      const samples = await this.samples(instanceId, plugin, parts.collectors);
      for (const name of Object.keys(parts.analyzers)) {
        const analyzerId = pluginCollectorId(plugin, name);
        try {
          const findings = findingsSchema.parse(await this.runtime.invoke(plugin, 'analyzers', name, { samples }, instanceId));
          result.drafts.push(
            ...findings.map((finding) => ({
              analyzerId,
              severity: finding.severity,
              objects: { finding: finding.key },
              title: finding.title,
              evidence: { plugin },
              recommendation: finding.detail,
            })),
          );
          result.ran.push(analyzerId);
        } catch (error) {
          result.skipped.push({ analyzerId, reason: `failed: ${error instanceof Error ? error.message : String(error)}` });
        }
      }
    }
    return result;
  }

  /** The latest value of each series of the plugin's metrics, as the plugin named them. */
  private async samples(instanceId: string, plugin: string, collectors: Record<string, { metrics: readonly { key: string }[] }>) {
    const names = new Map<string, string>(
      Object.entries(collectors).flatMap(([collector, { metrics }]) =>
        metrics.map((metric) => [`${pluginCollectorId(plugin, collector)}.${metric.key}`, metric.key]),
      ),
    );
    const values = await this.metrics.currentValues(instanceId, [...names.keys()]);
    return Object.entries(values).flatMap(([metric, byObject]) =>
      Object.entries(byObject).map(([object, value]) => ({ metric: names.get(metric)!, value, ...(labelsOf(object) ? { labels: labelsOf(object) } : {}) })),
    );
  }
}
