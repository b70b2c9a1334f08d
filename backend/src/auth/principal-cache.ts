import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Principal } from '../access/principal';
import { RoleEntity } from '../roles/role.entity';
import { onEntityWrites } from '../storage/entity-writes';
import { RoleAssignmentEntity } from '../users/role-assignment.entity';
import { UserEntity } from '../users/user.entity';
import { SessionEntity } from './session.entity';

/**
 * How long a token's principal is reused without reading storage. Changes made through this app server (logout,
 * revocation, disabling or deleting a user, role and assignment edits) end it at once; this only bounds how late a
 * change made elsewhere (another app server on the same database, SQL by hand) is seen.
 */
export const PRINCIPAL_CACHE_MS = 5_000;
/** Distinct tokens remembered at most: a burst of new tokens empties the cache instead of growing it. */
const MAX_ENTRIES = 10_000;
/** Rows a principal is made of: any write to one of these tables forgets every cached principal. */
const SOURCES = [SessionEntity, UserEntity, RoleAssignmentEntity, RoleEntity];

/**
 * Principals by token for a few seconds, so a dashboard's requests do not each read the session, user and role rows
 * again. A write to a source table forgets everything when it runs and again when its transaction ends
 * (`onEntityWrites`), and a principal whose reading overlapped a write is not kept.
 */
@Injectable()
export class PrincipalCache {
  readonly #entries = new Map<string, { principal: Principal; until: number }>();
  /** Bumped by every forget: a reading that started before one is not kept. */
  #generation = 0;

  constructor(@InjectDataSource() dataSource: DataSource) {
    onEntityWrites(dataSource, SOURCES, () => this.forget());
  }

  async get(token: string, read: () => Promise<Principal>): Promise<Principal> {
    const now = Date.now();
    const cached = this.#entries.get(token);
    if (cached && cached.until > now && cached.principal.expiresAt.getTime() > now) return cached.principal;
    const generation = this.#generation;
    const principal = await read();
    if (generation === this.#generation) {
      if (this.#entries.size >= MAX_ENTRIES) this.#entries.clear();
      this.#entries.set(token, { principal, until: now + PRINCIPAL_CACHE_MS });
    }
    return principal;
  }

  forget(): void {
    this.#generation++;
    this.#entries.clear();
  }
}
