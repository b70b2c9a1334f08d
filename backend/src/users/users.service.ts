import { randomUUID } from 'node:crypto';
import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Inject,
  Injectable,
  Logger,
  NotFoundException,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Permission, RoleAssignmentInput, User } from '@inspector/contracts';
import { type EntityManager, IsNull, type Repository } from 'typeorm';
import { assertCanGrant, assertCanManage } from '../access/access-policy';
import type { ClientContext, Principal } from '../access/principal';
import { AuditService } from '../audit/audit.service';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { RoleEntity } from '../roles/role.entity';
import { keepingAnAdmin } from './last-admin';
import { assertPasswordAllowed, hashPassword } from './password';
import { RoleAssignmentEntity } from './role-assignment.entity';
import { SessionRevocation } from './session-revocation';
import { UserEntity } from './user.entity';

export interface NewUser {
  username: string;
  password: string;
  displayName?: string | null;
  assignments: RoleAssignmentInput[];
}

@Injectable()
export class UsersService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Users');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(RoleAssignmentEntity) private readonly assignments: Repository<RoleAssignmentEntity>,
    @InjectRepository(RoleEntity) private readonly roles: Repository<RoleEntity>,
    private readonly audit: AuditService,
    private readonly sessions: SessionRevocation,
  ) {}

  /** A user stored under the emergency name cannot log in (that name means the emergency account): say so. */
  async onApplicationBootstrap(): Promise<void> {
    const emergencyName = this.config.auth.emergency?.username;
    const clash = emergencyName ? await this.findByUsername(emergencyName) : null;
    if (clash) {
      this.logger.warn(
        { userId: clash.id },
        'A stored user has the emergency account username (AUTH_EMERGENCY_USER): logins with that name reach the emergency account; delete that user or choose another AUTH_EMERGENCY_USER',
      );
    }
  }

  count(): Promise<number> {
    return this.users.count();
  }

  async list(limit: number, offset: number): Promise<{ items: User[]; total: number }> {
    const [rows, total] = await this.users.findAndCount({ order: { usernameKey: 'ASC' }, take: limit, skip: offset });
    return { items: await this.withAssignments(rows), total };
  }

  async get(id: string): Promise<User> {
    const [user] = await this.withAssignments([await this.find(id)]);
    return user;
  }

  findByUsername(username: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ usernameKey: username.toLowerCase() });
  }

  /**
   * Creates a user. `actor` null means the trusted path (first-run setup or the CLI), which skips the
   * "cannot grant what you do not hold" check because there is nobody to hold anything yet.
   */
  async create(actor: Principal | null, input: NewUser, client: ClientContext | null): Promise<User> {
    this.assertNameAvailable(input.username);
    assertPasswordAllowed(input.password, input.username);
    if (await this.findByUsername(input.username)) throw new ConflictException(`A user named "${input.username}" already exists`);
    const roles = await this.rolesFor(input.assignments);
    if (actor)
      assertCanGrant(
        actor,
        roles.flatMap((role) => role.permissions),
      );
    const now = new Date();
    const user: UserEntity = {
      id: randomUUID(),
      username: input.username,
      usernameKey: input.username.toLowerCase(),
      displayName: input.displayName ?? null,
      passwordHash: await hashPassword(input.password),
      ssoIssuer: null,
      ssoSubject: null,
      disabled: false,
      createdAt: now,
      updatedAt: now,
      lastLoginAt: null,
    };
    await this.users.manager.transaction(async (manager) => {
      await manager.insert(UserEntity, user);
      await this.replaceAssignments(manager, user.id, input.assignments);
    });
    await this.audit.record({
      action: 'user.create',
      outcome: 'success',
      actor: actor ?? { userId: null, username: 'system' },
      client,
      target: { type: 'user', id: user.id },
      details: { username: user.username, roles: input.assignments.map((assignment) => assignment.roleId) },
    });
    return this.get(user.id);
  }

  async update(actor: Principal, id: string, change: { displayName?: string | null; disabled?: boolean }, client: ClientContext): Promise<User> {
    const user = await this.find(id);
    assertCanManage(actor, await this.grantsOf(id));
    if (change.disabled === true && actor.userId === id) throw new ForbiddenException('You cannot disable your own account');
    const disabling = change.disabled === true && !user.disabled;
    const updated = { displayName: change.displayName === undefined ? user.displayName : change.displayName, disabled: change.disabled ?? user.disabled };
    await this.users.manager.transaction((manager) =>
      keepingAnAdmin(manager, async () => {
        await manager.update(UserEntity, { id }, { ...updated, updatedAt: new Date() });
      }),
    );
    if (disabling) await this.sessions.revokeAllOf(id);
    await this.audit.record({ action: 'user.update', outcome: 'success', actor, client, target: { type: 'user', id }, details: { ...change } });
    return this.get(id);
  }

  async remove(actor: Principal, id: string, client: ClientContext): Promise<void> {
    const user = await this.find(id);
    assertCanManage(actor, await this.grantsOf(id));
    if (actor.userId === id) throw new ForbiddenException('You cannot delete your own account');
    await this.users.manager.transaction((manager) =>
      keepingAnAdmin(manager, async () => {
        await manager.delete(UserEntity, { id });
      }),
    );
    await this.audit.record({ action: 'user.delete', outcome: 'success', actor, client, target: { type: 'user', id }, details: { username: user.username } });
  }

  async setRoles(actor: Principal, id: string, assignments: RoleAssignmentInput[], client: ClientContext): Promise<User> {
    await this.find(id);
    assertCanManage(actor, await this.grantsOf(id));
    if (actor.userId === id) throw new ForbiddenException('You cannot change your own roles');
    const roles = await this.rolesFor(assignments);
    assertCanGrant(
      actor,
      roles.flatMap((role) => role.permissions),
    );
    const before = await this.assignments.findBy({ userId: id });
    await this.users.manager.transaction((manager) => keepingAnAdmin(manager, () => this.replaceAssignments(manager, id, assignments)));
    await this.audit.record({
      action: 'user.roles',
      outcome: 'success',
      actor,
      client,
      target: { type: 'user', id },
      details: { before: before.map((row) => ({ roleId: row.roleId, scope: row.scope })), after: assignments },
    });
    return this.get(id);
  }

  /** An admin-side reset: only by someone who holds everything the user holds (else it is a takeover). */
  async resetPassword(actor: Principal, id: string, password: string, client: ClientContext): Promise<void> {
    this.assertPasswordCanBeSet(await this.find(id));
    assertCanManage(actor, await this.grantsOf(id));
    await this.setPassword(id, password);
    await this.audit.record({ action: 'user.password.reset', outcome: 'success', actor, client, target: { type: 'user', id } });
  }

  /** Sets a password without an actor check (own change after the current password, the CLI) and ends every session of that user. */
  async setPassword(id: string, password: string, field = 'newPassword'): Promise<void> {
    const user = await this.find(id);
    this.assertPasswordCanBeSet(user);
    assertPasswordAllowed(password, user.username, field);
    await this.users.update({ id }, { passwordHash: await hashPassword(password), updatedAt: new Date() });
    await this.sessions.revokeAllOf(id);
  }

  /**
   * 403 when passwords are off (AUTH_PASSWORD_LOGIN=disabled: a password set now could never be used, and would work
   * again the day the setting is flipped back), 409 for a single sign-on user, whose password lives at the provider.
   */
  assertPasswordCanBeSet(user: Pick<UserEntity, 'ssoSubject'>): void {
    if (!this.config.auth.passwordLogin) throw new ForbiddenException('Password sign-in is disabled (AUTH_PASSWORD_LOGIN=disabled): passwords cannot be set');
    if (user.ssoSubject !== null) throw new ConflictException('This user signs in through single sign-on: the password is managed by the identity provider');
  }

  async touchLogin(id: string): Promise<void> {
    await this.users.update({ id }, { lastLoginAt: new Date() });
  }

  /** The emergency account's name means the emergency account at login: no stored user may take it, in any case. */
  assertNameAvailable(username: string): void {
    const emergencyName = this.config.auth.emergency?.username;
    if (emergencyName && emergencyName.toLowerCase() === username.trim().toLowerCase()) {
      throw new BadRequestException({ message: 'Username rejected', errors: [{ path: 'username', message: 'is reserved for the emergency account' }] });
    }
  }

  /** Every permission the user holds anywhere (global and scoped assignments). */
  private async grantsOf(userId: string): Promise<Permission[]> {
    const rows = await this.assignments.find({ where: { userId }, relations: { role: true } });
    return rows.flatMap((row) => row.role?.permissions ?? []);
  }

  private async find(id: string): Promise<UserEntity> {
    const user = await this.users.findOneBy({ id });
    if (!user) throw new NotFoundException('User not found');
    return user;
  }

  private async rolesFor(assignments: RoleAssignmentInput[]): Promise<RoleEntity[]> {
    const ids = [...new Set(assignments.map((assignment) => assignment.roleId))];
    const roles = ids.length === 0 ? [] : await this.roles.find({ where: ids.map((id) => ({ id })) });
    const missing = ids.filter((id) => !roles.some((role) => role.id === id));
    if (missing.length > 0)
      throw new BadRequestException({ message: 'Unknown role', errors: missing.map((id) => ({ path: 'assignments', message: `no role with id ${id}` })) });
    return roles;
  }

  /** The roles given in Inspector; those from group mappings belong to the sign-in and stay. */
  private async replaceAssignments(manager: EntityManager, userId: string, assignments: RoleAssignmentInput[]): Promise<void> {
    await manager.delete(RoleAssignmentEntity, { userId, mappingId: IsNull() });
    const now = new Date();
    for (const assignment of assignments) {
      await manager.insert(RoleAssignmentEntity, {
        id: randomUUID(),
        userId,
        roleId: assignment.roleId,
        scope: assignment.scope,
        mappingId: null,
        createdAt: now,
      });
    }
  }

  private async withAssignments(rows: UserEntity[]): Promise<User[]> {
    if (rows.length === 0) return [];
    const assignments = await this.assignments.find({ where: rows.map((row) => ({ userId: row.id })), relations: { role: true } });
    return rows.map((row) => ({
      id: row.id,
      username: row.username,
      displayName: row.displayName,
      disabled: row.disabled,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
      lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
      signInMethod: row.ssoSubject === null ? 'password' : 'sso',
      assignments: assignments
        .filter((assignment) => assignment.userId === row.id)
        .map((assignment) => ({
          roleId: assignment.roleId,
          roleName: assignment.role?.name ?? assignment.roleId,
          scope: assignment.scope,
          fromGroupMapping: assignment.mappingId !== null,
        })),
    }));
  }
}
