import type { AnalyzerConfig } from '@inspector/contracts';
import { describe, expect, it } from 'vitest';
import { analyzerUpdate, draftOf } from './analyzer-update';

const config = (overrides: Partial<AnalyzerConfig> = {}): AnalyzerConfig => ({
  id: 'unused-index',
  title: 'Unused index',
  category: 'indexes',
  engines: ['postgres'],
  description: '',
  defaultThresholds: { minIndexSizeMb: 10, minTableRows: 10_000 },
  thresholdUnits: { minIndexSizeMb: 'megabytes', minTableRows: 'count' },
  enabled: true,
  thresholds: { minIndexSizeMb: 20, minTableRows: 10_000 },
  override: { enabled: null, thresholds: { minIndexSizeMb: 20 } },
  ...overrides,
});

describe('analyzerUpdate', () => {
  it('sends nothing for an untouched form', () => {
    expect(analyzerUpdate(config(), draftOf(config()))).toEqual({ body: {}, errors: {}, changed: false });
  });

  it('sends only what changed: a new threshold and the switch', () => {
    const draft = { enabled: false, thresholds: { minIndexSizeMb: '20', minTableRows: '500' } };
    expect(analyzerUpdate(config(), draft).body).toEqual({ enabled: false, thresholds: { minTableRows: 500 } });
  });

  it('removes an override set back to the default or cleared, so later default changes apply', () => {
    expect(analyzerUpdate(config(), { enabled: true, thresholds: { minIndexSizeMb: '10', minTableRows: '10000' } }).body).toEqual({
      thresholds: { minIndexSizeMb: null },
    });
    expect(analyzerUpdate(config(), { enabled: true, thresholds: { minIndexSizeMb: ' ', minTableRows: '10000' } }).body).toEqual({
      thresholds: { minIndexSizeMb: null },
    });
  });

  it('keeps an instance override set to the default, which may differ from the global setting it would inherit', () => {
    expect(analyzerUpdate(config(), { enabled: true, thresholds: { minIndexSizeMb: '10', minTableRows: '10000' } }, 'instance').body).toEqual({
      thresholds: { minIndexSizeMb: 10 },
    });
  });

  it('sends null for a switch reset to inherit, and nothing when there was no override to drop', () => {
    const overridden = config({ enabled: false, override: { enabled: false, thresholds: {} } });
    expect(analyzerUpdate(overridden, { ...draftOf(overridden), enabled: null }, 'instance').body).toEqual({ enabled: null });
    expect(analyzerUpdate(config(), { ...draftOf(config()), enabled: null }, 'instance').changed).toBe(false);
  });

  it('refuses what is not a number of 0 or more', () => {
    const update = analyzerUpdate(config(), { enabled: true, thresholds: { minIndexSizeMb: 'ten', minTableRows: '-1' } });
    expect(update.errors).toEqual({ minIndexSizeMb: 'Enter a number, 0 or more', minTableRows: 'Enter a number, 0 or more' });
  });
});
