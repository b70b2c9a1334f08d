import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { SsoUsedStateEntity } from './sso-used-state.entity';

const hashOf = (state: string) => createHash('sha256').update(state, 'utf8').digest('hex');

/**
 * States of attempts already completed, until the attempt would have expired anyway: an attempt cookie works once on
 * whichever replica answers the callback. The primary key decides a race: only one insert of a state can succeed.
 */
@Injectable()
export class SsoUsedStates {
  constructor(@InjectRepository(SsoUsedStateEntity) private readonly used: Repository<SsoUsedStateEntity>) {}

  /** Records the state as used; false when it already was. */
  async use(state: string, expiresAt: Date, now = Date.now()): Promise<boolean> {
    // A query builder: TypeORM does not apply the epoch transformer to delete criteria.
    await this.used.createQueryBuilder().delete().where('expires_at <= :now', { now }).execute();
    const stateHash = hashOf(state);
    try {
      await this.used.insert({ stateHash, expiresAt });
      return true;
    } catch (error) {
      // A duplicate key: the row is there. Anything else (storage down) is not a replay and goes on up.
      if (await this.used.existsBy({ stateHash })) return false;
      throw error;
    }
  }
}
