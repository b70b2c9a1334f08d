import type { TopStatement } from '@inspector/contracts';
import { formatInteger, formatMilliseconds } from '@/lib/format';

const signed = (value: number, format: (value: number) => string) => `${value > 0 ? '+' : value < 0 ? '−' : '±'}${format(Math.abs(value))}`;

/** "new", or "+200 calls · mean +1.2 ms": how a statement changed against the previous period of the same length. */
export function periodChangeWords(change: TopStatement['change']): string {
  if (change === null) return 'new';
  const calls = `${signed(change.callsDelta, formatInteger)} calls`;
  return change.meanTimeDeltaMs === null ? calls : `${calls} · mean ${signed(change.meanTimeDeltaMs, formatMilliseconds)}`;
}
