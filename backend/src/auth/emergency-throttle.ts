import { Injectable } from '@nestjs/common';
import type { Reservation } from './login-throttle';

export const EMERGENCY_FIRST_DELAY_MS = 1000;
export const EMERGENCY_MAX_DELAY_MS = 5 * 60 * 1000;
/** An address that stays quiet this long starts afresh. */
const FORGET_AFTER_MS = 60 * 60 * 1000;
const SWEEP_ABOVE_ENTRIES = 10_000;

interface AddressState {
  failures: number;
  notBefore: number;
  lastAt: number;
}

/** 1 s after the first failure, then 2 s, 4 s … up to 5 minutes. */
export function emergencyDelayMs(failures: number): number {
  return Math.min(EMERGENCY_FIRST_DELAY_MS * 2 ** Math.min(failures - 1, 30), EMERGENCY_MAX_DELAY_MS);
}

/**
 * The break-glass account is for incidents, so nobody may lock it for everyone: failures slow down only the
 * address they come from, with a delay that doubles after each one. Like `LoginThrottle`, an attempt counts as a
 * failure the moment it is reserved (synchronously), so a concurrent burst gets one check per delay.
 */
@Injectable()
export class EmergencyThrottle {
  private readonly byAddress = new Map<string, AddressState>();

  reserve(ip: string | null, now = Date.now()): Reservation {
    const key = ip ?? 'unknown';
    this.sweep(now);
    const state = this.current(key, now);
    if (state && now < state.notBefore) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((state.notBefore - now) / 1000)) };
    const failures = (state?.failures ?? 0) + 1;
    this.byAddress.set(key, { failures, notBefore: now + emergencyDelayMs(failures), lastAt: now });
    return { ok: true, ticket: { subjectKey: key, keys: [], at: now } };
  }

  succeeded(ticket: { subjectKey: string }): void {
    this.byAddress.delete(ticket.subjectKey);
  }

  private current(key: string, now: number): AddressState | undefined {
    const state = this.byAddress.get(key);
    if (state && now - state.lastAt > FORGET_AFTER_MS) {
      this.byAddress.delete(key);
      return undefined;
    }
    return state;
  }

  /** Bounds memory when many addresses try: forget the quiet ones. */
  private sweep(now: number): void {
    if (this.byAddress.size < SWEEP_ABOVE_ENTRIES) return;
    for (const key of [...this.byAddress.keys()]) this.current(key, now);
  }
}
