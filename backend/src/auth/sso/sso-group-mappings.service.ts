import { randomUUID } from 'node:crypto';
import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { CreateSsoGroupMappingRequest, SsoGroupMapping } from '@inspector/contracts';
import { In, type Repository } from 'typeorm';
import { assertCanGrant } from '../../access/access-policy';
import type { ClientContext, Principal } from '../../access/principal';
import { AuditService } from '../../audit/audit.service';
import { RolesService } from '../../roles/roles.service';
import { SsoUsersService } from '../../users/sso-users.service';
import { SsoGroupMappingEntity } from './sso-group-mapping.entity';

/** Provider group → Inspector role: managed by admins, applied to a user at each single sign-on. */
@Injectable()
export class SsoGroupMappingsService {
  constructor(
    @InjectRepository(SsoGroupMappingEntity) private readonly mappings: Repository<SsoGroupMappingEntity>,
    private readonly roles: RolesService,
    private readonly users: SsoUsersService,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<SsoGroupMapping[]> {
    const rows = await this.mappings.find({ relations: { role: true }, order: { groupName: 'ASC', createdAt: 'ASC' } });
    return rows.map(toMapping);
  }

  /** Mapping a group to a role grants that role to strangers: only someone who holds its permissions may do it. */
  async create(actor: Principal, input: CreateSsoGroupMappingRequest, client: ClientContext): Promise<SsoGroupMapping> {
    const [role] = await this.roles.findMany([input.roleId]);
    if (!role) throw new BadRequestException({ message: 'Unknown role', errors: [{ path: 'roleId', message: `no role with id ${input.roleId}` }] });
    assertCanGrant(actor, role.permissions);
    const row: SsoGroupMappingEntity = { id: randomUUID(), groupName: input.group, roleId: role.id, scope: input.scope, createdAt: new Date() };
    await this.mappings.insert(row);
    await this.audit.record({
      action: 'sso.group-mapping.create',
      outcome: 'success',
      actor,
      client,
      target: { type: 'sso-group-mapping', id: row.id },
      details: { group: row.groupName, roleId: role.id, scope: row.scope },
    });
    return toMapping({ ...row, role });
  }

  async remove(actor: Principal, id: string, client: ClientContext): Promise<void> {
    const row = await this.mappings.findOne({ where: { id }, relations: { role: true } });
    if (!row) throw new NotFoundException('Group mapping not found');
    assertCanGrant(actor, row.role?.permissions ?? []);
    await this.mappings.delete({ id });
    await this.users.removeMappedAssignments(id);
    await this.audit.record({
      action: 'sso.group-mapping.delete',
      outcome: 'success',
      actor,
      client,
      target: { type: 'sso-group-mapping', id },
      details: { group: row.groupName, roleId: row.roleId },
    });
  }

  /** Gives the user exactly the roles their current groups map to; roles given in Inspector stay. */
  async applyTo(userId: string, groups: string[]): Promise<string[]> {
    const matching = groups.length === 0 ? [] : await this.mappings.findBy({ groupName: In(groups) });
    await this.users.replaceMappedAssignments(
      userId,
      matching.map((row) => ({ mappingId: row.id, roleId: row.roleId, scope: row.scope })),
    );
    return matching.map((row) => row.roleId);
  }
}

function toMapping(row: SsoGroupMappingEntity): SsoGroupMapping {
  return {
    id: row.id,
    group: row.groupName,
    roleId: row.roleId,
    roleName: row.role?.name ?? row.roleId,
    scope: row.scope,
    createdAt: row.createdAt.toISOString(),
  };
}
