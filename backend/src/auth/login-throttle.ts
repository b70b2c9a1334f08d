import { Injectable } from '@nestjs/common';

interface Window {
  failures: number[];
}

export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_USERNAME = 5;
export const MAX_FAILURES_PER_IP = 20;

/**
 * Counts failed logins per username (case-insensitive) and per client IP over a sliding window. Past the limit,
 * attempts are refused before any password is checked, until the oldest failure leaves the window.
 * In memory: a restart forgets counters, which costs an attacker a restart they cannot cause.
 */
@Injectable()
export class LoginThrottle {
  private readonly byKey = new Map<string, Window>();

  /** Seconds until another attempt is allowed, or 0 when it is allowed now. */
  retryAfterSeconds(username: string, ip: string | null, now = Date.now()): number {
    const waits = [this.wait(`user:${username.toLowerCase()}`, MAX_FAILURES_PER_USERNAME, now)];
    if (ip) waits.push(this.wait(`ip:${ip}`, MAX_FAILURES_PER_IP, now));
    return Math.max(...waits);
  }

  recordFailure(username: string, ip: string | null, now = Date.now()): void {
    this.push(`user:${username.toLowerCase()}`, now);
    if (ip) this.push(`ip:${ip}`, now);
  }

  recordSuccess(username: string): void {
    this.byKey.delete(`user:${username.toLowerCase()}`);
  }

  private wait(key: string, limit: number, now: number): number {
    const window = this.prune(key, now);
    if (!window || window.failures.length < limit) return 0;
    const oldest = window.failures[window.failures.length - limit];
    return Math.max(1, Math.ceil((oldest + THROTTLE_WINDOW_MS - now) / 1000));
  }

  private push(key: string, now: number): void {
    const window = this.prune(key, now) ?? { failures: [] };
    window.failures.push(now);
    this.byKey.set(key, window);
  }

  private prune(key: string, now: number): Window | undefined {
    const window = this.byKey.get(key);
    if (!window) return undefined;
    window.failures = window.failures.filter((at) => at > now - THROTTLE_WINDOW_MS);
    if (window.failures.length === 0) {
      this.byKey.delete(key);
      return undefined;
    }
    return window;
  }
}
