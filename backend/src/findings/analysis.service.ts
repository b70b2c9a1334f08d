import { setImmediate } from 'node:timers/promises';
import { Injectable, Logger, NotFoundException } from '@nestjs/common';
import type { AnalyzeResponse } from '@inspector/contracts';
import type { Analyzer, Thresholds } from '../analyzers/analyzer';
import { AnalyzerConfigService, type EffectiveConfig } from '../analyzers/analyzer-config.service';
import type { LoadedInput } from '../analyzers/input-loader';
import { AnalyzerInputLoader } from '../analyzers/input-loader';
import { ANALYZERS } from '../analyzers/registry';
import { InstanceDirectory } from '../instances/instance-directory';
import { PluginAnalyzersService } from '../plugins/plugin-analyzers.service';
import { FindingEvents } from './finding-events';
import { FindingsService, toFinding } from './findings.service';
import type { ReportedDraft } from './reconcile';

const SERIES = [...new Set(ANALYZERS.flatMap((analyzer) => analyzer.series ?? []))];

/**
 * Runs every enabled analyzer of the instance's engine on its stored data and records the result (another engine's
 * analyzers neither run nor report a skip there: their data can never arrive). Runs on one instance are
 * serialized (a scheduled run and "analyze now" never interleave their writes). A disabled analyzer counts as
 * having run and found nothing, so its findings resolve; one that cannot judge (data missing or stale) or that
 * throws is skipped, and its findings stay as they were.
 */
@Injectable()
export class AnalysisService {
  private readonly logger = new Logger('Analysis');
  readonly #runs = new Map<string, Promise<unknown>>();

  constructor(
    private readonly instances: InstanceDirectory,
    private readonly config: AnalyzerConfigService,
    private readonly loader: AnalyzerInputLoader,
    private readonly findings: FindingsService,
    private readonly events: FindingEvents,
    private readonly plugins: PluginAnalyzersService,
  ) {}

  analyze(instanceId: string): Promise<AnalyzeResponse> {
    const previous = this.#runs.get(instanceId) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(() => this.run(instanceId));
    this.#runs.set(instanceId, run);
    void run.finally(() => this.#runs.get(instanceId) === run && this.#runs.delete(instanceId)).catch(() => undefined);
    return run;
  }

  private async run(instanceId: string): Promise<AnalyzeResponse> {
    const now = new Date();
    const instance = await this.instances.summary(instanceId);
    if (!instance) throw new NotFoundException('Instance not found');
    const config = await this.config.effective(instanceId);
    const loaded = await this.loader.load(instance, SERIES, now);
    // Reading and parsing every snapshot, then the analyzers, then recording: each its own turn of the event loop.
    await setImmediate();
    const ran = new Set<string>();
    const drafts: ReportedDraft[] = [];
    const skipped: AnalyzeResponse['skipped'] = [];
    for (const analyzer of ANALYZERS.filter((candidate) => candidate.engines.includes(instance.engine))) {
      const settings = config.get(analyzer.id) as EffectiveConfig;
      if (!settings.enabled) {
        // Counted as run with nothing found: nobody watches a disabled analyzer's findings, so they resolve.
        ran.add(analyzer.id);
        skipped.push({ analyzerId: analyzer.id, reason: 'disabled' });
        continue;
      }
      const reason = whyNot(analyzer, loaded, settings.thresholds);
      if (reason) {
        skipped.push({ analyzerId: analyzer.id, reason });
        continue;
      }
      try {
        drafts.push(...analyzer.analyze(loaded.input, settings.thresholds).map((draft) => ({ ...draft, analyzerId: analyzer.id })));
        ran.add(analyzer.id);
      } catch (error) {
        this.logger.error({ err: error, instanceId, analyzer: analyzer.id }, 'Analyzer failed');
        skipped.push({ analyzerId: analyzer.id, reason: `failed: ${error instanceof Error ? error.message : String(error)}` });
      }
    }
    await setImmediate();
    // Approved plugins' analyzers: the same lifecycle, so their findings notify like any other.
    const plugins = await this.plugins.analyze(instanceId, instance.engine);
    drafts.push(...plugins.drafts);
    plugins.ran.forEach((analyzerId) => ran.add(analyzerId));
    skipped.push(...plugins.skipped);
    const judged = { has: (analyzerId: string) => ran.has(analyzerId) || plugins.withdrawn(analyzerId) };
    const result = await this.findings.record(instanceId, drafts, judged, now);
    const api = (rows: typeof result.opened) => rows.map((row) => toFinding(row, instance.name));
    if (result.opened.length + result.escalated.length + result.resolved.length > 0) {
      await this.events.emit({ instanceId, opened: api(result.opened), escalated: api(result.escalated), resolved: api(result.resolved) });
    }
    return {
      instanceId,
      analyzedAt: now.toISOString(),
      opened: result.opened.length,
      escalated: result.escalated.length,
      updated: result.updated.length,
      resolved: result.resolved.length,
      skipped,
      findings: api(result.reported),
    };
  }
}

function whyNot(analyzer: Analyzer, loaded: LoadedInput, thresholds: Thresholds): string | null {
  for (const kind of analyzer.requires) {
    if (!loaded.input.has(kind)) return `no ${kind} data collected yet`;
    const stale = loaded.stale.get(kind);
    if (stale) return stale;
  }
  return analyzer.skipReason?.(loaded.input, thresholds) ?? null;
}
