export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
  /** Fraction of each delay taken off at random, so instances that failed together do not retry together. */
  jitter: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 1_000, maxMs: 5 * 60_000, jitter: 0.2 };

/** Delay before attempt `failures + 1`: doubling from `initialMs`, capped at `maxMs`, minus jitter. */
export function backoffDelay(failures: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const exponent = Math.max(0, failures - 1);
  const base = Math.min(policy.maxMs, policy.initialMs * 2 ** Math.min(exponent, 30));
  return Math.round(base * (1 - policy.jitter * random()));
}
