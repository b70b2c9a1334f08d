import { BadRequestException, Injectable } from '@nestjs/common';
import { type CollectionSettings, collectionSettingsSchema, DEFAULT_TIERS } from '@inspector/contracts';
import { allCollectors, type Collector, type CollectorSettings, DEFAULT_COLLECTOR_SETTINGS } from '../collectors';
import { AppSettingsStore } from './app-settings.store';

/** Collector ids of plugins (`plugin.<plugin>.<collector>`). */
const PLUGIN_COLLECTOR_PREFIX = 'plugin.';

const KEY = 'collection';
const DEFAULTS: CollectionSettings = {
  includeQueryText: DEFAULT_COLLECTOR_SETTINGS.includeQueryText,
  queryTextMaxLength: DEFAULT_COLLECTOR_SETTINGS.queryTextMaxLength,
  collectors: {},
};

export interface EffectiveCollector {
  enabled: boolean;
  intervalSeconds: number;
  retentionDays: number;
}

/** Intervals, retention and privacy of collection, as the operator set them over the collectors' defaults. */
@Injectable()
export class CollectionSettingsService {
  #cached: CollectionSettings | null = null;

  constructor(private readonly store: AppSettingsStore) {}

  async get(): Promise<CollectionSettings> {
    this.#cached ??= await this.store.get(KEY, collectionSettingsSchema, DEFAULTS);
    return this.#cached;
  }

  async set(settings: CollectionSettings): Promise<CollectionSettings> {
    // A plugin's collector keeps its override while the plugin is stopped: the settings page sends it back, and the
    // plugin finds it again when it runs.
    const known = new Set(allCollectors().map((collector) => collector.id));
    const unknown = Object.keys(settings.collectors).filter((id) => !known.has(id) && !id.startsWith(PLUGIN_COLLECTOR_PREFIX));
    if (unknown.length > 0)
      throw new BadRequestException({
        message: 'Unknown collector',
        errors: unknown.map((id) => ({ path: `collectors.${id}`, message: 'no such collector' })),
      });
    await this.store.set(KEY, settings);
    this.#cached = settings;
    return settings;
  }

  async effective(collector: Collector): Promise<EffectiveCollector> {
    const override = (await this.get()).collectors[collector.id] ?? {};
    return {
      enabled: override.enabled ?? true,
      intervalSeconds: override.intervalSeconds ?? collector.defaultIntervalSeconds,
      retentionDays: override.retentionDays ?? collector.defaultRetentionDays,
    };
  }

  /** How long each storage tier keeps a collector's data: the tier's retention, capped by the collector's own. */
  async tierKeep(collector?: Collector): Promise<{ rawMs: number; fiveMinuteMs: number; hourMs: number }> {
    const tiers = (await this.get()).tiers ?? DEFAULT_TIERS;
    const cap = collector ? (await this.effective(collector)).retentionDays : Infinity;
    const days = (value: number) => Math.min(value, cap) * 86_400_000;
    return { rawMs: days(tiers.rawDays), fiveMinuteMs: days(tiers.fiveMinuteDays), hourMs: days(tiers.hourDays) };
  }

  /** What collectors read with: query text switched off means none is ever fetched from the server. */
  async collectorSettings(): Promise<CollectorSettings> {
    const settings = await this.get();
    return { ...DEFAULT_COLLECTOR_SETTINGS, includeQueryText: settings.includeQueryText, queryTextMaxLength: settings.queryTextMaxLength };
  }
}
