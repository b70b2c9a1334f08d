import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';

/** This process among the replicas: a fresh id per start, so a restarted replica never inherits a dead one's leases. */
@Injectable()
export class ReplicaIdentity {
  readonly id = randomUUID();
  /** Several processes can share the storage (PostgreSQL); SQLite storage serves one process, which does everything. */
  readonly sharedStorage: boolean;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.sharedStorage = config.storage.dialect === 'postgres';
  }
}

/** Storage time in epoch ms: every replica compares lease expiries on the one clock they share. */
export const STORAGE_NOW_MS = '(extract(epoch from clock_timestamp()) * 1000)::bigint';
