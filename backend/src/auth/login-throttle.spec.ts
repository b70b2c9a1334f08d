import { describe, expect, it } from 'vitest';
import { LoginThrottle, MAX_FAILURES_PER_USERNAME, THROTTLE_WINDOW_MS } from './login-throttle';

describe(LoginThrottle.name, () => {
  it('counts an attempt when it is reserved, so a burst gets no more checks than the limit', () => {
    const sut = new LoginThrottle();
    const now = 1_000_000;
    const burst = Array.from({ length: 20 }, () => sut.reserveLogin('Alice', '10.0.0.1', now));
    expect(burst.filter((reservation) => reservation.ok)).toHaveLength(MAX_FAILURES_PER_USERNAME);
    expect(sut.reserveLogin('ALICE', '10.0.0.2', now)).toEqual({ ok: false, retryAfterSeconds: THROTTLE_WINDOW_MS / 1000 });
  });

  it('gives the slot back and clears the username after a success', () => {
    const sut = new LoginThrottle();
    const now = 1_000_000;
    for (let attempt = 0; attempt < MAX_FAILURES_PER_USERNAME - 1; attempt++) sut.reserveLogin('bob', '10.0.0.1', now);
    const right = sut.reserveLogin('bob', '10.0.0.1', now);
    if (!right.ok) throw new Error('expected a slot');
    sut.succeeded(right.ticket);
    for (let attempt = 0; attempt < MAX_FAILURES_PER_USERNAME; attempt++) expect(sut.reserveLogin('bob', '10.0.0.1', now).ok).toBe(true);
  });

  it('throttles checks of a user’s own current password separately from logins', () => {
    const sut = new LoginThrottle();
    const now = 1_000_000;
    for (let attempt = 0; attempt < MAX_FAILURES_PER_USERNAME; attempt++) expect(sut.reservePasswordCheck('user-1', now).ok).toBe(true);
    expect(sut.reservePasswordCheck('user-1', now).ok).toBe(false);
    expect(sut.reservePasswordCheck('user-2', now).ok).toBe(true);
    expect(sut.reservePasswordCheck('user-1', now + THROTTLE_WINDOW_MS + 1).ok).toBe(true);
  });
});
