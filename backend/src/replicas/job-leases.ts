import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ReplicaIdentity, STORAGE_NOW_MS } from './replica-identity';

/**
 * Takes the lease unless a live one exists: concurrent takers serialize on the row, and the `WHERE` of the conflict
 * branch is checked again on the row as committed, so exactly one of them gets it.
 */
const TAKE_LEASE = `
  INSERT INTO replica_lease (resource, replica_id, expires_at) VALUES ($1, $2, ${STORAGE_NOW_MS} + $3)
  ON CONFLICT (resource) DO UPDATE SET replica_id = EXCLUDED.replica_id, expires_at = EXCLUDED.expires_at
  WHERE replica_lease.expires_at <= ${STORAGE_NOW_MS}
  RETURNING resource`;

const GIVE_BACK = 'DELETE FROM replica_lease WHERE resource = $1 AND replica_id = $2';

/**
 * Jobs that must run once across replicas on one PostgreSQL storage (analysis, retention purges, scheduled backups,
 * a channel's notification queue). Every replica keeps its own timer; the lease decides which one acts. On SQLite
 * storage the one process always does.
 */
@Injectable()
export class JobLeases {
  constructor(
    private readonly replica: ReplicaIdentity,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /**
   * True on one replica per period of the job: the first whose timer fires. The claim lasts 90% of the period, so a
   * replica whose timer drifts a little still finds the next period free.
   */
  async claimPeriod(job: string, periodMs: number): Promise<boolean> {
    if (!this.replica.sharedStorage) return true;
    return this.take(`job:${job}`, Math.floor(periodMs * 0.9));
  }

  /**
   * Runs `work` on this replica only while no other holds `job`, for at most `holdMs` (the work must finish within
   * it; past it, another replica may take the job over, as it does when this one dies). Answers whether it ran.
   */
  async exclusive(job: string, holdMs: number, work: () => Promise<void>): Promise<boolean> {
    if (!this.replica.sharedStorage) {
      await work();
      return true;
    }
    const resource = `job:${job}`;
    if (!(await this.take(resource, holdMs))) return false;
    try {
      await work();
    } finally {
      await this.dataSource.query(GIVE_BACK, [resource, this.replica.id]);
    }
    return true;
  }

  private async take(resource: string, holdMs: number): Promise<boolean> {
    const rows = (await this.dataSource.query(TAKE_LEASE, [resource, this.replica.id, holdMs])) as unknown[];
    return rows.length === 1;
  }
}
