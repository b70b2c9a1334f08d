import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, In, MoreThan } from 'typeorm';
import { LoginFailureEntity } from './login-failure.entity';
import { lockThrottleKeys, storedThrottleKey } from './throttle-keys';

export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_USERNAME = 5;
export const MAX_FAILURES_PER_IP = 20;
/** The length of `auth_login_failure.key`. */
const KEY_LENGTH = 320;
/** Failures that left the window are deleted at most this often per app server (an indexed range delete). */
const PURGE_EVERY_MS = 60_000;

/** A counted attempt; hand it back with `succeeded` when the secret was right. */
export interface ThrottleTicket {
  /** The subject whose counter a success clears (username, or the user whose password was checked). */
  subjectKey: string;
  /** The failure rows this attempt was counted as, given back on success. */
  failureIds: string[];
}

export type Reservation = { ok: true; ticket: ThrottleTicket } | { ok: false; retryAfterSeconds: number };

/**
 * Counts failed secret checks per subject (username, case-insensitive; or a user's own-password check) and per
 * client IP over a sliding window. Past the limit, attempts are refused before any secret is checked, until the
 * oldest failure leaves the window.
 * `reserve` counts the attempt as a failure before the secret is checked, and a success hands the slot back: a
 * concurrent burst cannot get more checks than the limit allows. The failures live in storage, counted under a
 * per-key lock, so every replica on the same database sees the same counters and a burst spread over replicas gets
 * no more checks than one aimed at a single replica.
 */
@Injectable()
export class LoginThrottle {
  #purgedAt = 0;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A login (or setup token) attempt for this username from this address. */
  reserveLogin(username: string, ip: string | null, now = Date.now()): Promise<Reservation> {
    const limits: Array<[string, number]> = [[`user:${username.toLowerCase()}`, MAX_FAILURES_PER_USERNAME]];
    if (ip) limits.push([`ip:${ip}`, MAX_FAILURES_PER_IP]);
    return this.reserve(limits, now);
  }

  /** A check of a signed-in user's current password (changing their own password). */
  reservePasswordCheck(userId: string, now = Date.now()): Promise<Reservation> {
    return this.reserve([[`password:${userId}`, MAX_FAILURES_PER_USERNAME]], now);
  }

  /**
   * A second-factor code (login or enrolment) for this user from this address. Kept apart from the username's counter,
   * which a correct password clears: knowing the password must not buy more code guesses.
   */
  reserveSecondFactor(userId: string, ip: string | null, now = Date.now()): Promise<Reservation> {
    const limits: Array<[string, number]> = [[`mfa:${userId}`, MAX_FAILURES_PER_USERNAME]];
    if (ip) limits.push([`ip:${ip}`, MAX_FAILURES_PER_IP]);
    return this.reserve(limits, now);
  }

  /** The secret was right: the subject starts afresh and the address gets its slot back. */
  async succeeded(ticket: ThrottleTicket): Promise<void> {
    const failures = this.dataSource.getRepository(LoginFailureEntity);
    await failures.delete({ key: ticket.subjectKey });
    if (ticket.failureIds.length > 0) await failures.delete({ id: In(ticket.failureIds) });
  }

  private async reserve(requested: Array<[string, number]>, now: number): Promise<Reservation> {
    const limits = requested.map(([key, limit]): [string, number] => [storedThrottleKey(key, KEY_LENGTH), limit]);
    await this.purge(now);
    return this.dataSource.transaction(async (manager) => {
      const keys = limits.map(([key]) => key);
      await lockThrottleKeys(manager, keys);
      const waits: number[] = [];
      for (const [key, limit] of limits) {
        // The newest `limit` failures in the window; the oldest of them decides when one more is allowed.
        const recent = await manager.find(LoginFailureEntity, {
          where: { key, at: MoreThan(new Date(now - THROTTLE_WINDOW_MS)) },
          order: { at: 'DESC' },
          take: limit,
        });
        waits.push(recent.length < limit ? 0 : Math.max(1, Math.ceil((recent[limit - 1].at.getTime() + THROTTLE_WINDOW_MS - now) / 1000)));
      }
      const retryAfterSeconds = Math.max(...waits);
      if (retryAfterSeconds > 0) return { ok: false, retryAfterSeconds };
      const rows = keys.map((key) => ({ id: randomUUID(), key, at: new Date(now) }));
      await manager.insert(LoginFailureEntity, rows);
      return { ok: true, ticket: { subjectKey: keys[0], failureIds: rows.map((row) => row.id) } };
    });
  }

  private async purge(now: number): Promise<void> {
    if (now - this.#purgedAt < PURGE_EVERY_MS) return;
    this.#purgedAt = now;
    // A query builder, not `delete({ at: LessThanOrEqual(…) })`: TypeORM does not apply the epoch transformer to delete criteria.
    await this.dataSource
      .createQueryBuilder()
      .delete()
      .from(LoginFailureEntity)
      .where('at <= :cutoff', { cutoff: now - THROTTLE_WINDOW_MS })
      .execute();
  }
}
