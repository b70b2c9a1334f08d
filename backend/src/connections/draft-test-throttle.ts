import { HttpStatus, Injectable } from '@nestjs/common';
import { HttpExceptionWithHeaders } from '../http/api-exception.filter';

/** Enough to try a few hosts, ports and TLS modes while setting up a fleet; too few to sweep a network. */
export const DRAFT_TESTS_PER_WINDOW = 30;
export const DRAFT_TEST_WINDOW_MS = 10 * 60 * 1000;

export class TooManyConnectionTestsException extends HttpExceptionWithHeaders {
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many connection tests; try again in ${retryAfterSeconds} s`, HttpStatus.TOO_MANY_REQUESTS, { 'Retry-After': String(retryAfterSeconds) });
  }
}

/**
 * Draft connection tests reach hosts chosen by the caller: past the host policy, a user allowed to add instances
 * could still use them to map which addresses and ports answer. Each caller gets a budget of tests over a sliding
 * window, every attempt counted (a refused one too) before anything is contacted. In memory, per app server:
 * replicas on one storage each count their own (README "Running several replicas").
 */
@Injectable()
export class DraftTestThrottle {
  private readonly byCaller = new Map<string, number[]>();

  /** Counts one test for the caller; past the budget, the seconds until the oldest test leaves the window. */
  take(caller: string, now = Date.now()): { ok: true } | { ok: false; retryAfterSeconds: number } {
    const recent = (this.byCaller.get(caller) ?? []).filter((at) => at > now - DRAFT_TEST_WINDOW_MS);
    if (recent.length >= DRAFT_TESTS_PER_WINDOW) {
      this.byCaller.set(caller, recent);
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((recent[0] + DRAFT_TEST_WINDOW_MS - now) / 1000)) };
    }
    this.byCaller.set(caller, [...recent, now]);
    return { ok: true };
  }
}
