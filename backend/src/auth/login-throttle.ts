import { Injectable } from '@nestjs/common';

export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_USERNAME = 5;
export const MAX_FAILURES_PER_IP = 20;

/** A counted attempt; hand it back with `succeeded` when the secret was right. */
export interface ThrottleTicket {
  /** The subject whose counter a success clears (username, or the user whose password was checked). */
  subjectKey: string;
  keys: string[];
  at: number;
}

export type Reservation = { ok: true; ticket: ThrottleTicket } | { ok: false; retryAfterSeconds: number };

/**
 * Counts failed secret checks per subject (username, case-insensitive; or a user's own-password check) and per
 * client IP over a sliding window. Past the limit, attempts are refused before any secret is checked, until the
 * oldest failure leaves the window.
 * `reserve` is synchronous and counts the attempt as a failure before the caller's first `await`: a concurrent
 * burst cannot slip more checks past the limit than it allows. A success hands the slot back.
 * In memory: a restart forgets counters, which costs an attacker a restart they cannot cause.
 */
@Injectable()
export class LoginThrottle {
  private readonly byKey = new Map<string, number[]>();

  /** A login (or setup token) attempt for this username from this address. */
  reserveLogin(username: string, ip: string | null, now = Date.now()): Reservation {
    const limits: Array<[string, number]> = [[`user:${username.toLowerCase()}`, MAX_FAILURES_PER_USERNAME]];
    if (ip) limits.push([`ip:${ip}`, MAX_FAILURES_PER_IP]);
    return this.reserve(limits, now);
  }

  /** A check of a signed-in user's current password (changing their own password). */
  reservePasswordCheck(userId: string, now = Date.now()): Reservation {
    return this.reserve([[`password:${userId}`, MAX_FAILURES_PER_USERNAME]], now);
  }

  /**
   * A second-factor code (login or enrolment) for this user from this address. Kept apart from the username's counter,
   * which a correct password clears: knowing the password must not buy more code guesses.
   */
  reserveSecondFactor(userId: string, ip: string | null, now = Date.now()): Reservation {
    const limits: Array<[string, number]> = [[`mfa:${userId}`, MAX_FAILURES_PER_USERNAME]];
    if (ip) limits.push([`ip:${ip}`, MAX_FAILURES_PER_IP]);
    return this.reserve(limits, now);
  }

  /** The secret was right: the subject starts afresh and the address gets its slot back. */
  succeeded(ticket: ThrottleTicket): void {
    this.byKey.delete(ticket.subjectKey);
    for (const key of ticket.keys) {
      const failures = this.byKey.get(key);
      const index = failures?.indexOf(ticket.at) ?? -1;
      if (failures && index >= 0) failures.splice(index, 1);
    }
  }

  private reserve(limits: Array<[string, number]>, now: number): Reservation {
    const retryAfterSeconds = Math.max(...limits.map(([key, limit]) => this.wait(key, limit, now)));
    if (retryAfterSeconds > 0) return { ok: false, retryAfterSeconds };
    const keys = limits.map(([key]) => key);
    for (const key of keys) this.byKey.set(key, [...(this.byKey.get(key) ?? []), now]);
    return { ok: true, ticket: { subjectKey: keys[0], keys, at: now } };
  }

  private wait(key: string, limit: number, now: number): number {
    const failures = (this.byKey.get(key) ?? []).filter((at) => at > now - THROTTLE_WINDOW_MS);
    if (failures.length === 0) this.byKey.delete(key);
    else this.byKey.set(key, failures);
    if (failures.length < limit) return 0;
    const oldest = failures[failures.length - limit];
    return Math.max(1, Math.ceil((oldest + THROTTLE_WINDOW_MS - now) / 1000));
  }
}
