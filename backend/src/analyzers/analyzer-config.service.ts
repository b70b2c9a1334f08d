import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { AnalyzerConfig, UpdateAnalyzerConfig } from '@inspector/contracts';
import type { Repository } from 'typeorm';
import { z } from 'zod';
import { AuditService } from '../audit/audit.service';
import type { ClientContext, Principal } from '../access/principal';
import { AppSettingsStore } from '../app-settings/app-settings.store';
import { InstanceDirectory } from '../instances/instance-directory';
import type { Analyzer, Thresholds } from './analyzer';
import { AnalyzerOverrideEntity } from './analyzer-override.entity';
import { ANALYZERS, findAnalyzer } from './registry';
import { thresholdValueProblem } from './threshold';

const GLOBAL_KEY = 'analyzers';
const overrideSchema = z.object({ enabled: z.boolean().nullable().default(null), thresholds: z.record(z.string(), z.number()).default({}) });
const globalSchema = z.record(z.string(), overrideSchema);

type Override = z.infer<typeof overrideSchema>;
const NO_OVERRIDE: Override = { enabled: null, thresholds: {} };

export interface EffectiveConfig {
  enabled: boolean;
  thresholds: Thresholds;
}

/**
 * Which analyzers run and with what thresholds: defaults, overridden globally (app_setting), overridden per
 * instance (analyzer_override). Only thresholds an analyzer declares can be set.
 */
@Injectable()
export class AnalyzerConfigService {
  constructor(
    private readonly settings: AppSettingsStore,
    @InjectRepository(AnalyzerOverrideEntity) private readonly overrides: Repository<AnalyzerOverrideEntity>,
    private readonly audit: AuditService,
    private readonly instances: InstanceDirectory,
  ) {}

  /** What applies on one instance, for every analyzer. */
  async effective(instanceId: string): Promise<Map<string, EffectiveConfig>> {
    const items = await this.list(instanceId);
    return new Map(items.map((item) => [item.id, { enabled: item.enabled, thresholds: item.thresholds }]));
  }

  /**
   * Every analyzer with its defaults, what applies, and the override at this level (global when instanceId is null);
   * on an instance, only its engine's analyzers (the others never run there).
   */
  async list(instanceId: string | null): Promise<AnalyzerConfig[]> {
    const global = await this.globalOverrides();
    const local = instanceId
      ? new Map((await this.overrides.findBy({ instanceId })).map((row) => [row.analyzerId, { enabled: row.enabled, thresholds: row.thresholds }]))
      : null;
    const engine = instanceId ? (await this.instances.summary(instanceId))?.engine : undefined;
    const analyzers = engine ? ANALYZERS.filter((analyzer) => analyzer.engines.includes(engine)) : ANALYZERS;
    return analyzers.map((analyzer) => describe(analyzer, global[analyzer.id] ?? NO_OVERRIDE, local ? (local.get(analyzer.id) ?? NO_OVERRIDE) : null));
  }

  async updateGlobal(actor: Principal, analyzerId: string, change: UpdateAnalyzerConfig, client: ClientContext): Promise<AnalyzerConfig> {
    const analyzer = this.analyzer(analyzerId, change);
    const global = await this.globalOverrides();
    const next = apply(global[analyzerId] ?? NO_OVERRIDE, change);
    await this.settings.set(GLOBAL_KEY, { ...global, [analyzerId]: next });
    await this.record(actor, client, analyzerId, null, change);
    return describe(analyzer, next, null);
  }

  async updateInstance(actor: Principal, instanceId: string, analyzerId: string, change: UpdateAnalyzerConfig, client: ClientContext): Promise<AnalyzerConfig> {
    const analyzer = this.analyzer(analyzerId, change);
    const row = await this.overrides.findOneBy({ instanceId, analyzerId });
    const next = apply(row ? { enabled: row.enabled, thresholds: row.thresholds } : NO_OVERRIDE, change);
    await this.overrides.upsert({ instanceId, analyzerId, enabled: next.enabled, thresholds: next.thresholds, updatedAt: new Date() }, [
      'instanceId',
      'analyzerId',
    ]);
    await this.record(actor, client, analyzerId, instanceId, change);
    const global = await this.globalOverrides();
    return describe(analyzer, global[analyzerId] ?? NO_OVERRIDE, next);
  }

  private async globalOverrides(): Promise<Record<string, Override>> {
    return this.settings.get(GLOBAL_KEY, globalSchema, {});
  }

  private analyzer(analyzerId: string, change: UpdateAnalyzerConfig): Analyzer {
    const analyzer = findAnalyzer(analyzerId);
    if (!analyzer) throw new NotFoundException('Analyzer not found');
    const unknown = Object.keys(change.thresholds ?? {}).filter((key) => !(key in analyzer.defaultThresholds));
    if (unknown.length > 0) {
      const known = Object.keys(analyzer.defaultThresholds);
      throw new BadRequestException(`Unknown threshold(s) ${unknown.join(', ')} for ${analyzerId}; it has ${known.length > 0 ? known.join(', ') : 'none'}`);
    }
    const problems = Object.entries(change.thresholds ?? {}).flatMap(([name, value]) =>
      value === null ? [] : (thresholdValueProblem(name, analyzer.thresholdSchema[name].unit, value) ?? []),
    );
    if (problems.length > 0) throw new BadRequestException(problems.join('; '));
    return analyzer;
  }

  private async record(actor: Principal, client: ClientContext, analyzerId: string, instanceId: string | null, change: UpdateAnalyzerConfig): Promise<void> {
    await this.audit.record({
      action: 'analyzer.config.update',
      outcome: 'success',
      actor,
      client,
      target: { type: 'analyzer', id: analyzerId },
      details: { instanceId, enabled: change.enabled, thresholds: change.thresholds },
    });
  }
}

/** `enabled` left out stays, null inherits; a threshold set to null inherits again. */
function apply(current: Override, change: UpdateAnalyzerConfig): Override {
  const thresholds = { ...current.thresholds };
  for (const [key, value] of Object.entries(change.thresholds ?? {})) {
    if (value === null) delete thresholds[key];
    else thresholds[key] = value;
  }
  return { enabled: change.enabled === undefined ? current.enabled : change.enabled, thresholds };
}

function describe(analyzer: Analyzer, global: Override, local: Override | null): AnalyzerConfig {
  // A threshold an analyzer no longer declares (renamed in an upgrade) is ignored rather than passed on.
  const known = (thresholds: Thresholds) => Object.fromEntries(Object.entries(thresholds).filter(([key]) => key in analyzer.defaultThresholds));
  return {
    id: analyzer.id,
    title: analyzer.title,
    category: analyzer.category,
    engines: [...analyzer.engines],
    description: analyzer.description,
    defaultThresholds: analyzer.defaultThresholds,
    thresholdUnits: Object.fromEntries(Object.entries(analyzer.thresholdSchema).map(([name, spec]) => [name, spec.unit])),
    enabled: local?.enabled ?? global.enabled ?? true,
    thresholds: { ...analyzer.defaultThresholds, ...known(global.thresholds), ...known(local?.thresholds ?? {}) },
    override: local ?? global,
  };
}
