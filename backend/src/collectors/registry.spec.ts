import { describe, expect, it } from 'vitest';
import type { Collector, MetricDeclaration } from './collector';
import { counter, gauge } from './metrics';
import { checkCollectors, COLLECTORS } from './registry';

const fake = (metrics: MetricDeclaration[], overrides: Partial<Collector> = {}): Collector => ({
  id: 'fake',
  title: 'Fake',
  engine: 'postgres',
  tier: 'fast',
  metrics,
  defaultIntervalSeconds: 30,
  defaultRetentionDays: 7,
  queries: [],
  collect: () => Promise.resolve({ metrics: [] }),
  ...overrides,
});

describe(checkCollectors.name, () => {
  it('accepts the built-in collectors', () => {
    expect(() => checkCollectors(COLLECTORS)).not.toThrow();
  });

  it('refuses at start-up a metric declared twice, one without a known unit, and a tier its interval contradicts', () => {
    expect(() => checkCollectors([fake([gauge('size', 'bytes'), counter('size', 'bytes')])])).toThrow('metric "fake.size" is declared twice');
    expect(() => checkCollectors([fake([{ name: 'odd', kind: 'gauge', unit: '' as never, label: 'Odd' }])])).toThrow(
      'metric "fake.odd" declares no known unit',
    );
    expect(() => checkCollectors([fake([], { defaultIntervalSeconds: 900 })])).toThrow('collector "fake" is declared fast but runs every 900 s');
  });
});
