import { describe, expect, it } from 'vitest';
import { ApiRequestError } from './api-client';
import { shouldRetry } from './query-client';

describe('shouldRetry', () => {
  it('does not repeat a request the API refused with a 4xx', () => {
    expect(shouldRetry(0, new ApiRequestError(404, 'Not found'))).toBe(false);
    expect(shouldRetry(0, new ApiRequestError(400, 'Invalid'))).toBe(false);
  });

  it('repeats server errors and outages at most twice', () => {
    const outage = new ApiRequestError(0, 'Cannot reach the Inspector API');
    expect(shouldRetry(0, outage)).toBe(true);
    expect(shouldRetry(1, new ApiRequestError(503, 'Unavailable'))).toBe(true);
    expect(shouldRetry(2, outage)).toBe(false);
  });
});
