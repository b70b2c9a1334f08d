import type { AnalyzerConfig } from '@inspector/contracts';
import type { AnalyzerLevel } from './analyzer-update';

/** Where the value that applies comes from: the analyzer's default, the global override, or the instance's own. */
export type SettingOrigin = 'default' | 'global' | 'instance';

/**
 * The origin of a threshold's value. The API returns the override at the level asked for only, so on an instance
 * a value that is not its own and differs from the default must come from the global override (one equal to the
 * default reads as the default, which it is in effect).
 */
export function thresholdOrigin(config: AnalyzerConfig, name: string, level: AnalyzerLevel): SettingOrigin {
  if (name in config.override.thresholds) return level;
  return level === 'instance' && config.thresholds[name] !== config.defaultThresholds[name] ? 'global' : 'default';
}

/** The origin of on/off; analyzers are on by default, so an instance's analyzer off without its own override was turned off globally. */
export function enabledOrigin(config: AnalyzerConfig, level: AnalyzerLevel): SettingOrigin {
  if (config.override.enabled !== null) return level;
  return level === 'instance' && !config.enabled ? 'global' : 'default';
}

/** How a form names an origin: "default", "global setting", "this instance". */
const ORIGIN_LABELS: Record<SettingOrigin, string> = { default: 'default', global: 'global setting', instance: 'this instance' };

/** "default", or where the value comes from and the default it replaces: "this instance, default 10". */
export function originText(origin: SettingOrigin, fallback?: number): string {
  if (origin === 'default') return 'default';
  return fallback === undefined ? ORIGIN_LABELS[origin] : `${ORIGIN_LABELS[origin]}, default ${fallback}`;
}
