/** Attempts before a message is given up: about 2 h 40 min of retrying in all. */
export const MAX_ATTEMPTS = 6;
const FIRST_RETRY_MS = 30_000;
const MAX_RETRY_MS = 6 * 3_600_000;

/** Wait after the given number of failed attempts: 30 s, 2 min, 8 min, 32 min, 2 h 8 min (×4 each time, capped). */
export function retryDelayMs(failedAttempts: number): number {
  return Math.min(FIRST_RETRY_MS * 4 ** (failedAttempts - 1), MAX_RETRY_MS);
}

/** A clock that starts at `start` and runs at real speed, so a pass driven at a given time stays consistent. */
export function clockFrom(start: Date): () => Date {
  const offset = start.getTime() - Date.now();
  return () => new Date(Date.now() + offset);
}
