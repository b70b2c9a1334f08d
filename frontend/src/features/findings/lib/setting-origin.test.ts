import type { AnalyzerConfig } from '@inspector/contracts';
import { describe, expect, it } from 'vitest';
import { enabledOrigin, originText, thresholdOrigin } from './setting-origin';

const config = (overrides: Partial<AnalyzerConfig> = {}): AnalyzerConfig => ({
  id: 'unused-index',
  title: 'Unused index',
  category: 'indexes',
  engines: ['postgres'],
  description: '',
  defaultThresholds: { minIndexSizeMb: 10, minTableRows: 10_000, minScans: 50 },
  thresholdUnits: { minIndexSizeMb: 'megabytes', minTableRows: 'count', minScans: 'count' },
  enabled: true,
  thresholds: { minIndexSizeMb: 0, minTableRows: 500, minScans: 50 },
  override: { enabled: null, thresholds: { minIndexSizeMb: 0 } },
  ...overrides,
});

describe('setting origin', () => {
  it('tells on an instance its own override, an inherited global one and the default apart', () => {
    expect(thresholdOrigin(config(), 'minIndexSizeMb', 'instance')).toBe('instance');
    expect(thresholdOrigin(config(), 'minTableRows', 'instance')).toBe('global');
    expect(thresholdOrigin(config(), 'minScans', 'instance')).toBe('default');
  });

  it('calls the override on the global page global', () => {
    expect(thresholdOrigin(config(), 'minIndexSizeMb', 'global')).toBe('global');
    expect(thresholdOrigin(config(), 'minTableRows', 'global')).toBe('default');
  });

  it('reads an analyzer off without an instance override as turned off globally', () => {
    expect(enabledOrigin(config({ enabled: false }), 'instance')).toBe('global');
    expect(enabledOrigin(config({ enabled: false, override: { enabled: false, thresholds: {} } }), 'instance')).toBe('instance');
    expect(enabledOrigin(config(), 'instance')).toBe('default');
  });

  it('names the default a value replaces', () => {
    expect(originText('instance', 10)).toBe('this instance, default 10');
    expect(originText('global')).toBe('global setting');
    expect(originText('default', 10)).toBe('default');
  });
});
