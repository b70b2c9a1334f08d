import { randomUUID } from 'node:crypto';
import { BadRequestException, ForbiddenException, Injectable, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type AccessToken, type CreateAccessTokenRequest, type CreatedAccessToken, grantsImply } from '@inspector/contracts';
import { IsNull, type Repository } from 'typeorm';
import { assignmentCovers, grantsAnywhere, type InstanceScopeFacts } from '../access/access-policy';
import { InstanceScopeLookup } from '../access/instance-scope.provider';
import type { ClientContext, Principal, ScopedGrants } from '../access/principal';
import { AuditService } from '../audit/audit.service';
import { RoleAssignmentEntity } from '../users/role-assignment.entity';
import { UserEntity } from '../users/user.entity';
import { hashAccessToken, newAccessToken, sameHash } from './access-token-secret';
import { AccessTokenEntity } from './access-token.entity';
import { narrowAssignments } from './access-token-narrowing';

/** A token's use is written to the audit log (and `lastUsedAt`) at most once a minute: a script polling every second adds one row a minute. */
const USE_RECORD_INTERVAL_MS = 60_000;
const DAY_MS = 86_400_000;
const ENDED = 'Access token revoked, expired or no longer valid';
const NO_EMERGENCY = 'The emergency account cannot create access tokens: it is for interactive recovery only';

@Injectable()
export class AccessTokensService {
  constructor(
    @InjectRepository(AccessTokenEntity) private readonly tokens: Repository<AccessTokenEntity>,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(RoleAssignmentEntity) private readonly assignments: Repository<RoleAssignmentEntity>,
    private readonly instances: InstanceScopeLookup,
    private readonly audit: AuditService,
  ) {}

  async create(actor: Principal, input: CreateAccessTokenRequest, client: ClientContext): Promise<CreatedAccessToken> {
    const refusal = await this.creationRefusal(actor, input);
    if (refusal || !actor.userId) {
      await this.audit.record({ action: 'access-token.create', outcome: 'denied', actor, client, details: { reason: refusal?.message ?? NO_EMERGENCY } });
      throw refusal ?? new ForbiddenException(NO_EMERGENCY);
    }
    const { token, hash, prefix } = newAccessToken();
    const now = new Date();
    const row: AccessTokenEntity = {
      id: randomUUID(),
      userId: actor.userId,
      name: input.name,
      prefix,
      tokenHash: hash,
      permissions: input.permissions ? [...new Set(input.permissions)] : null,
      instanceIds: input.instanceIds ? [...new Set(input.instanceIds)] : null,
      createdAt: now,
      expiresAt: new Date(now.getTime() + input.expiresInDays * DAY_MS),
      lastUsedAt: null,
      revokedAt: null,
    };
    await this.tokens.insert(row);
    await this.audit.record({
      action: 'access-token.create',
      outcome: 'success',
      actor,
      client,
      target: { type: 'access-token', id: row.id },
      details: { name: row.name, expiresAt: row.expiresAt.toISOString(), permissions: row.permissions, instanceIds: row.instanceIds },
    });
    return { ...view(row), token };
  }

  async list(actor: Principal): Promise<{ items: AccessToken[] }> {
    if (!actor.userId) return { items: [] };
    const rows = await this.tokens.find({ where: { userId: actor.userId, revokedAt: IsNull() }, order: { createdAt: 'DESC' } });
    return { items: rows.map(view) };
  }

  /** Revokes one of the caller's own tokens; someone else's answers 404 like a missing one, so ids cannot be probed. */
  async revoke(actor: Principal, id: string, client: ClientContext): Promise<void> {
    const row = actor.userId ? await this.tokens.findOneBy({ id, userId: actor.userId, revokedAt: IsNull() }) : null;
    if (!row) throw new NotFoundException('Access token not found');
    await this.tokens.update({ id: row.id }, { revokedAt: new Date() });
    await this.audit.record({
      action: 'access-token.revoke',
      outcome: 'success',
      actor,
      client,
      target: { type: 'access-token', id: row.id },
      details: { name: row.name },
    });
  }

  /** Token → principal, from storage on every call: revoking, expiry, disabling or deleting the owner and role edits apply at once. */
  async authenticate(token: string): Promise<Principal> {
    const hash = hashAccessToken(token);
    const row = await this.tokens.findOneBy({ tokenHash: hash });
    const now = new Date();
    if (!row || !sameHash(row.tokenHash, hash) || row.revokedAt || row.expiresAt <= now) throw new UnauthorizedException(ENDED);
    const owner = await this.users.findOneBy({ id: row.userId });
    if (!owner || owner.disabled) throw new UnauthorizedException(ENDED);
    const listed = row.instanceIds ? await this.existing(row.instanceIds) : [];
    const principal: Principal = {
      sessionId: row.id,
      accessTokenId: row.id,
      userId: owner.id,
      username: owner.username,
      displayName: owner.displayName,
      emergency: false,
      singleSignOn: owner.ssoSubject !== null,
      assignments: narrowAssignments(await this.assignmentsOf(owner.id), row, listed),
      expiresAt: row.expiresAt,
    };
    await this.recordUse(row, principal, now);
    return principal;
  }

  /** Why this caller may not create this token, as the exception to answer with, or null. */
  private async creationRefusal(actor: Principal, input: CreateAccessTokenRequest): Promise<Error | null> {
    if (actor.emergency || !actor.userId) return new ForbiddenException(NO_EMERGENCY);
    if (actor.accessTokenId) return new ForbiddenException('An access token cannot create access tokens: sign in with your password to create one');
    const held = grantsAnywhere(actor);
    const beyond = (input.permissions ?? []).filter((permission) => !grantsImply(held, permission));
    if (beyond.length > 0) {
      return new BadRequestException({
        message: `A token cannot hold permissions you do not hold: ${beyond.join(', ')}`,
        errors: [{ path: 'permissions', message: `you do not hold ${beyond.join(', ')}` }],
      });
    }
    const requested = input.instanceIds ?? [];
    const reachable = new Set(
      (await this.existing(requested)).filter((instance) => actor.assignments.some((a) => assignmentCovers(a, instance))).map((i) => i.id),
    );
    const outside = requested.filter((id) => !reachable.has(id));
    if (outside.length > 0) {
      // Missing and out-of-scope instances get the same answer, so ids cannot be probed.
      return new BadRequestException({
        message: `A token cannot reach instances outside your scope: ${outside.join(', ')}`,
        errors: [{ path: 'instanceIds', message: 'not found or outside your scope' }],
      });
    }
    return null;
  }

  private async existing(ids: readonly string[]): Promise<InstanceScopeFacts[]> {
    const found = await Promise.all(ids.map((id) => this.instances.find(id)));
    return found.filter((instance): instance is InstanceScopeFacts => instance !== null);
  }

  private async assignmentsOf(userId: string): Promise<ScopedGrants[]> {
    const rows = await this.assignments.find({ where: { userId }, relations: { role: true } });
    return rows.map((row) => ({ roleId: row.roleId, roleName: row.role?.name ?? row.roleId, grants: row.role?.permissions ?? [], scope: row.scope }));
  }

  /** The conditional update lets exactly one of several concurrent requests write the minute's audit row. */
  private async recordUse(row: AccessTokenEntity, principal: Principal, now: Date): Promise<void> {
    const result = await this.tokens
      .createQueryBuilder()
      .update()
      .set({ lastUsedAt: now })
      .where('id = :id', { id: row.id })
      // Epoch milliseconds: TypeORM does not run column transformers on query parameters.
      .andWhere('(last_used_at IS NULL OR last_used_at < :cutoff)', { cutoff: now.getTime() - USE_RECORD_INTERVAL_MS })
      .execute();
    if (!result.affected) return;
    await this.audit.record({
      action: 'access-token.use',
      outcome: 'success',
      actor: principal,
      target: { type: 'access-token', id: row.id },
      details: { name: row.name },
    });
  }
}

function view(row: AccessTokenEntity): AccessToken {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    permissions: row.permissions,
    instanceIds: row.instanceIds,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  };
}
