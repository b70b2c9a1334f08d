import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { EmergencyFailureEntity } from './emergency-failure.entity';
import type { Reservation, ThrottleTicket } from './login-throttle';
import { lockThrottleKeys, storedThrottleKey } from './throttle-keys';

export const EMERGENCY_FIRST_DELAY_MS = 1000;
export const EMERGENCY_MAX_DELAY_MS = 5 * 60 * 1000;
/** An address that stays quiet this long starts afresh. */
const FORGET_AFTER_MS = 60 * 60 * 1000;

/** 1 s after the first failure, then 2 s, 4 s … up to 5 minutes. */
export function emergencyDelayMs(failures: number): number {
  return Math.min(EMERGENCY_FIRST_DELAY_MS * 2 ** Math.min(failures - 1, 30), EMERGENCY_MAX_DELAY_MS);
}

/**
 * The break-glass account is for incidents, so nobody may lock it for everyone: failures slow down only the
 * address they come from, with a delay that doubles after each one. Like `LoginThrottle`, an attempt counts as a
 * failure the moment it is reserved, under a per-address lock in storage: a concurrent burst, on one replica or
 * spread over several, gets one check per delay.
 */
@Injectable()
export class EmergencyThrottle {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async reserve(ip: string | null, now = Date.now()): Promise<Reservation> {
    // The length of `auth_emergency_failure.address`.
    const address = storedThrottleKey(ip ?? 'unknown', 64);
    // Quiet addresses are forgotten: an indexed range delete that keeps the table as small as the recent attackers.
    await this.dataSource
      .createQueryBuilder()
      .delete()
      .from(EmergencyFailureEntity)
      .where('last_at < :cutoff', { cutoff: now - FORGET_AFTER_MS })
      .execute();
    return this.dataSource.transaction(async (manager) => {
      await lockThrottleKeys(manager, [`emergency:${address}`]);
      const state = await manager.findOneBy(EmergencyFailureEntity, { address });
      if (state && now < state.notBefore.getTime()) {
        return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((state.notBefore.getTime() - now) / 1000)) };
      }
      const failures = (state?.failures ?? 0) + 1;
      await manager.upsert(EmergencyFailureEntity, { address, failures, notBefore: new Date(now + emergencyDelayMs(failures)), lastAt: new Date(now) }, [
        'address',
      ]);
      return { ok: true, ticket: { subjectKey: address, failureIds: [] } };
    });
  }

  async succeeded(ticket: ThrottleTicket): Promise<void> {
    await this.dataSource.getRepository(EmergencyFailureEntity).delete({ address: ticket.subjectKey });
  }
}
