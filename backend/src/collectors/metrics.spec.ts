import { describe, expect, it } from 'vitest';
import { MetricsBuilder } from './metrics';

describe(MetricsBuilder.name, () => {
  it('prefixes names, parses text counters, and skips missing values', () => {
    const samples = new MetricsBuilder('tables')
      .counter('seq_scan', 'public.t', '42')
      .gauge('size_bytes', 'public.t', null)
      .gauge('n_live_tup', 'public.t', 7)
      .build();
    expect(samples).toEqual([
      { metric: 'tables.seq_scan', object: 'public.t', value: 42, kind: 'counter' },
      { metric: 'tables.n_live_tup', object: 'public.t', value: 7, kind: 'gauge' },
    ]);
  });

  it('adds up counters reported twice for one object, but keeps the last gauge', () => {
    const samples = new MetricsBuilder('statements').counter('calls', 'q', '2').counter('calls', 'q', '3').gauge('g', null, 1).gauge('g', null, 4).build();
    expect(samples).toEqual([
      { metric: 'statements.calls', object: 'q', value: 5, kind: 'counter' },
      { metric: 'statements.g', object: null, value: 4, kind: 'gauge' },
    ]);
  });
});
