// Planted violation for test/guardrails.spec.ts: a switch that misses a case of its union.
export function weight(kind: 'gauge' | 'counter'): number {
  switch (kind) {
    case 'gauge':
      return 1;
  }
}
