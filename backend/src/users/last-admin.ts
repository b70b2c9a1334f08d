import { ConflictException } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { holdsEverything } from '../access/access-policy';
import { RoleAssignmentEntity } from './role-assignment.entity';
import { UserEntity } from './user.entity';

/** Any fixed number: the PostgreSQL advisory lock that serializes changes which could remove an admin. */
const ADMIN_CHANGE_LOCK = 720_011;

/**
 * Runs a change that could remove an admin (delete, disable, new roles, narrower or deleted role) inside the
 * caller's transaction and refuses it (409, rolled back) when it would leave no enabled admin where there was one.
 * On PostgreSQL an advisory lock serializes these changes, so two admins removing each other at once cannot both
 * pass; SQLite runs one transaction at a time anyway.
 */
export async function keepingAnAdmin(manager: EntityManager, change: () => Promise<void>): Promise<void> {
  if (manager.connection.options.type === 'postgres') await manager.query('SELECT pg_advisory_xact_lock($1)', [ADMIN_CHANGE_LOCK]);
  const before = (await enabledAdminIds(manager)).length;
  await change();
  if (before > 0 && (await enabledAdminIds(manager)).length === 0) {
    throw new ConflictException('This is the last enabled admin: it cannot be deleted, disabled or lose its admin rights; make another user admin first');
  }
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
