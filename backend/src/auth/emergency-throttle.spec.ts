import { describe, expect, it } from 'vitest';
import { EMERGENCY_MAX_DELAY_MS, EmergencyThrottle, emergencyDelayMs } from './emergency-throttle';

describe(EmergencyThrottle.name, () => {
  it('makes one address wait 1 s, 2 s, 4 s … after each failure, capped at 5 minutes', () => {
    const sut = new EmergencyThrottle();
    let now = 1_000_000;
    const waits: number[] = [];
    for (let failure = 1; failure <= 12; failure++) {
      expect(sut.reserve('10.0.0.1', now).ok).toBe(true);
      const refused = sut.reserve('10.0.0.1', now);
      if (refused.ok) throw new Error('expected a wait');
      waits.push(refused.retryAfterSeconds);
      now += emergencyDelayMs(failure);
    }
    expect(waits).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300, 300]);
    expect(emergencyDelayMs(1000)).toBe(EMERGENCY_MAX_DELAY_MS);
  });

  it('never slows down another address, and a success starts the address afresh', () => {
    const sut = new EmergencyThrottle();
    const now = 1_000_000;
    for (let attempt = 0; attempt < 10; attempt++) sut.reserve('10.0.0.1', now + attempt * EMERGENCY_MAX_DELAY_MS);
    const other = sut.reserve('10.0.0.2', now);
    expect(other.ok).toBe(true);
    if (!other.ok) return;
    sut.succeeded(other.ticket);
    expect(sut.reserve('10.0.0.2', now).ok).toBe(true);
  });

  it('lets one of a concurrent burst through per delay', () => {
    const sut = new EmergencyThrottle();
    const burst = Array.from({ length: 20 }, () => sut.reserve('10.0.0.3', 5_000));
    expect(burst.filter((reservation) => reservation.ok)).toHaveLength(1);
  });
});
