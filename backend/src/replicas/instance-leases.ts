import { Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { rebalanceStep } from './fair-share';
import { ReplicaIdentity, STORAGE_NOW_MS } from './replica-identity';

const PREFIX = 'instance:';

/**
 * Renews this replica's unexpired leases on the instances $3 it holds; what comes back is what it still holds, and
 * whether another replica asked for the connection to be reopened since the last renewal.
 */
const RENEW = `
  WITH mine AS (
    SELECT resource, reopen FROM replica_lease
    WHERE replica_id = $1 AND resource = ANY($3::text[]) AND expires_at > ${STORAGE_NOW_MS}
    FOR UPDATE
  )
  UPDATE replica_lease SET expires_at = ${STORAGE_NOW_MS} + $2, reopen = false FROM mine
  WHERE replica_lease.resource = mine.resource
  RETURNING replica_lease.resource, mine.reopen`;

/**
 * Claims up to $4 of the instances $3 that no live lease holds. Claimers queue on an advisory lock so each sees the
 * others' claims; the conflict branch re-checks expiry on the committed row, so a lease never has two holders.
 */
const CLAIM_LOCK = "SELECT pg_advisory_xact_lock(hashtext('inspector.replica_lease.claim'))";
const CLAIM = `
  INSERT INTO replica_lease (resource, replica_id, expires_at)
  SELECT candidate, $1, ${STORAGE_NOW_MS} + $2 FROM unnest($3::text[]) AS candidate
  WHERE NOT EXISTS (SELECT 1 FROM replica_lease held WHERE held.resource = candidate AND held.expires_at > ${STORAGE_NOW_MS})
  ORDER BY random() LIMIT $4
  ON CONFLICT (resource) DO UPDATE SET replica_id = EXCLUDED.replica_id, expires_at = EXCLUDED.expires_at, reopen = false
  WHERE replica_lease.expires_at <= ${STORAGE_NOW_MS}
  RETURNING resource`;

const REQUEST_REOPEN = 'UPDATE replica_lease SET reopen = true WHERE resource = $1';

/**
 * A handed-over lease stays a moment longer: the monitored server ends the closed session's backend (and drops it
 * from pg_stat_activity) just after the close, and the next holder must not connect before.
 */
const HANDOVER_GRACE_MS = 1_000;
const RELEASE = `UPDATE replica_lease SET expires_at = ${STORAGE_NOW_MS} + ${HANDOVER_GRACE_MS} WHERE resource = $1 AND replica_id = $2`;
const OWNER = `
  SELECT r.url FROM replica_lease l JOIN replica r ON r.id = l.replica_id
  WHERE l.resource = $1 AND l.expires_at > ${STORAGE_NOW_MS}`;

/** What the monitoring side does when this replica starts or stops holding an instance. */
export interface HeldInstanceHandlers {
  /** Every instance there is (the candidates for a claim). */
  instanceIds: () => Promise<string[]>;
  /** Start collecting it. */
  gained: (instanceId: string) => Promise<void>;
  /** Stop collecting it and close its monitoring connection; the lease is given up only once this has finished. */
  losing: (instanceId: string) => Promise<void>;
  /** Its connection settings changed on another replica: close the connection, the next run opens it anew. */
  reopen: (instanceId: string) => Promise<void>;
}

/** Asked for a connection to an instance another replica holds: the caller retries, or asks that replica. */
export class HeldElsewhereException extends ServiceUnavailableException {
  constructor() {
    super('Another Inspector replica monitors this instance now; retry in a few seconds');
  }
}

/**
 * Which monitored instances this replica holds, so that each instance has one Inspector connection across all
 * replicas. Until `start` (SQLite storage, COLLECTION_ENABLED=false, admin commands) it holds every instance, as a
 * single process does.
 */
@Injectable()
export class InstanceLeases {
  private readonly logger = new Logger('Replicas');
  readonly #held = new Set<string>();
  #handlers: HeldInstanceHandlers | null = null;
  #sharing = false;
  #observing = false;

  constructor(
    private readonly replica: ReplicaIdentity,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** Where the monitoring side plugs in; sharing itself starts with the registry's first heartbeat. */
  handle(handlers: HeldInstanceHandlers): void {
    this.#handlers = handlers;
  }

  get sharing(): boolean {
    return this.#sharing && this.#handlers !== null;
  }

  start(): void {
    this.#sharing = true;
  }

  /**
   * A replica on shared storage that does not collect (COLLECTION_ENABLED=false) holds no instance, but still passes
   * live views on to the replica holding the instance when there is one.
   */
  observe(): void {
    this.#observing = true;
  }

  /** Whether live views of instances may be held by another replica. */
  get shared(): boolean {
    return this.sharing || this.#observing;
  }

  holds(instanceId: string): boolean {
    return !this.sharing || this.#held.has(instanceId);
  }

  /** The refusal a connection request for an instance held elsewhere gets. */
  assertHeld(instanceId: string): void {
    if (!this.holds(instanceId)) throw new HeldElsewhereException();
  }

  /** The replica holding the instance now, with its REPLICA_URL (null if it published none); null when none does. */
  async holder(instanceId: string): Promise<{ url: string | null } | null> {
    const rows = (await this.dataSource.query(OWNER, [`${PREFIX}${instanceId}`])) as Array<{ url: string | null }>;
    return rows[0] ?? null;
  }

  /** Connection settings changed here: the replica holding the instance reopens its connection at its next heartbeat. */
  async changed(instanceId: string): Promise<void> {
    if (this.shared && !this.#held.has(instanceId)) await this.dataSource.query(REQUEST_REOPEN, [`${PREFIX}${instanceId}`]);
  }

  /**
   * One heartbeat's work: renew (then `renewed`, for the registry's watchdog), forget deleted instances, then claim up
   * to the fair share or hand one back.
   */
  async rebalance(leaseMs: number, liveReplicas: number, renewed: () => void = () => undefined): Promise<void> {
    const handlers = this.#handlers;
    if (!this.sharing || !handlers) return;
    // An UPDATE answers [rows, count] through TypeORM.
    const [renewedRows] = (await this.dataSource.query(RENEW, [this.replica.id, leaseMs, [...this.#held].map((id) => `${PREFIX}${id}`)])) as [
      Array<{ resource: string; reopen: boolean }>,
      number,
    ];
    renewed();
    const stillHeld = new Set(renewedRows.map((row) => row.resource.slice(PREFIX.length)));
    for (const row of renewedRows.filter((candidate) => candidate.reopen)) await handlers.reopen(row.resource.slice(PREFIX.length));
    const ids = await handlers.instanceIds();
    const existing = new Set(ids);
    // Expired meanwhile (this replica stalled) or deleted: stop at once; another replica may already hold it.
    for (const id of [...this.#held]) if (!stillHeld.has(id) || !existing.has(id)) await this.release(id);
    const { claim, release } = rebalanceStep(this.#held.size, ids.length, liveReplicas);
    for (const id of [...this.#held].sort().slice(0, release)) await this.release(id);
    if (claim > 0)
      for (const id of await this.claim(
        ids.filter((candidate) => !this.#held.has(candidate)),
        claim,
        leaseMs,
      ))
        await this.gain(id);
  }

  /** Closes every held instance, then gives the leases back (shutdown), so the others need not wait for expiry. */
  async releaseAll(): Promise<void> {
    await Promise.all([...this.#held].map((id) => this.release(id)));
  }

  /**
   * Renewals failed for too long: stop and close everything before the leases can expire, leaving the rows to expire
   * (storage may be what failed). The next successful heartbeat claims anew.
   */
  async dropAll(): Promise<void> {
    const held = [...this.#held];
    if (held.length > 0) this.logger.warn(`Could not renew leases in time: stopped monitoring ${held.length} instance(s) until storage answers`);
    await Promise.all(held.map((id) => this.stop(id)));
  }

  private async claim(candidates: string[], count: number, leaseMs: number): Promise<string[]> {
    if (candidates.length === 0) return [];
    return this.dataSource.transaction(async (manager) => {
      await manager.query(CLAIM_LOCK);
      const rows = (await manager.query(CLAIM, [this.replica.id, leaseMs, candidates.map((id) => `${PREFIX}${id}`), count])) as Array<{ resource: string }>;
      return rows.map((row) => row.resource.slice(PREFIX.length));
    });
  }

  private async gain(instanceId: string): Promise<void> {
    this.#held.add(instanceId);
    this.logger.log({ instanceId }, 'Monitoring instance on this replica');
    await this.#handlers?.gained(instanceId).catch((error: unknown) => this.logger.error({ err: error, instanceId }, 'Could not start collecting'));
  }

  /** Close first, give the lease back after: the next holder never finds this replica's connection still open. */
  private async release(instanceId: string): Promise<void> {
    await this.stop(instanceId);
    await this.dataSource.query(RELEASE, [`${PREFIX}${instanceId}`, this.replica.id]);
    this.logger.log({ instanceId }, 'Handed instance over to the other replicas');
  }

  private async stop(instanceId: string): Promise<void> {
    // Forgotten first: from here on no connection to it opens on this replica.
    if (!this.#held.delete(instanceId)) return;
    await this.#handlers?.losing(instanceId).catch((error: unknown) => this.logger.error({ err: error, instanceId }, 'Could not stop collecting'));
  }
}
