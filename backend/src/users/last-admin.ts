import { ConflictException } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { holdsEverything } from '../auth/access-policy';
import { RoleAssignmentEntity } from '../roles/role-assignment.entity';
import { UserEntity } from './user.entity';

/** Any fixed number: the PostgreSQL advisory lock that serializes changes which could remove an admin. */
const ADMIN_CHANGE_LOCK = 720_011;

/**
 * Serializes admin-affecting changes on PostgreSQL, where two concurrent transactions could each remove a
 * different one of the last two admins (neither sees the other's change). SQLite runs one transaction at a time.
 */
export async function lockAdminChanges(manager: EntityManager): Promise<void> {
  if (manager.connection.options.type === 'postgres') await manager.query('SELECT pg_advisory_xact_lock($1)', [ADMIN_CHANGE_LOCK]);
}

/** Ids of enabled users whose global (unscoped) assignments imply every permission. */
async function enabledAdminIds(manager: EntityManager): Promise<string[]> {
  const enabled = new Set((await manager.find(UserEntity, { where: { disabled: false }, select: { id: true } })).map((user) => user.id));
  const assignments = await manager.find(RoleAssignmentEntity, { relations: { role: true } });
  const globalByUser = new Map<string, RoleAssignmentEntity[]>();
  for (const assignment of assignments) {
    if (assignment.scope !== null || !enabled.has(assignment.userId)) continue;
    globalByUser.set(assignment.userId, [...(globalByUser.get(assignment.userId) ?? []), assignment]);
  }
  return [...globalByUser].filter(([, rows]) => holdsEverything(rows.flatMap((row) => row.role?.permissions ?? []))).map(([userId]) => userId);
}

/** Called inside the changing transaction, after the change: throwing rolls it back. */
export async function assertAnAdminRemains(manager: EntityManager): Promise<void> {
  if ((await enabledAdminIds(manager)).length > 0) return;
  throw new ConflictException('This is the last enabled admin: it cannot be deleted, disabled or lose its admin rights; make another user admin first');
}
