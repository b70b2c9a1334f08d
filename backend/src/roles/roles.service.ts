import { randomUUID } from 'node:crypto';
import { BadRequestException, ConflictException, Injectable, NotFoundException, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Permission, Role } from '@inspector/contracts';
import type { Repository } from 'typeorm';
import { assertCanGrant } from '../access/access-policy';
import type { ClientContext, Principal } from '../access/principal';
import { AuditService } from '../audit/audit.service';
import { BUILTIN_ROLES } from './builtin-roles';
import { LastAdminCheck } from './last-admin-check';
import { RoleEntity } from './role.entity';

export interface RoleChange {
  name?: string;
  description?: string | null;
  permissions?: Permission[];
}

@Injectable()
export class RolesService implements OnApplicationBootstrap {
  constructor(
    @InjectRepository(RoleEntity) private readonly roles: Repository<RoleEntity>,
    private readonly audit: AuditService,
    private readonly lastAdmin: LastAdminCheck,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const now = new Date();
    for (const builtin of BUILTIN_ROLES) {
      const existing = await this.roles.findOneBy({ id: builtin.id });
      await this.roles.save({
        id: builtin.id,
        name: builtin.name,
        nameKey: builtin.name.toLowerCase(),
        description: builtin.description,
        builtin: true,
        permissions: [...builtin.permissions],
        createdAt: existing?.createdAt ?? now,
        updatedAt: now,
      });
    }
  }

  async list(): Promise<Role[]> {
    const rows = await this.roles.find({ order: { builtin: 'DESC', nameKey: 'ASC' } });
    return rows.map(toRole);
  }

  async get(id: string): Promise<Role> {
    return toRole(await this.find(id));
  }

  async findMany(ids: string[]): Promise<RoleEntity[]> {
    return ids.length === 0 ? [] : this.roles.find({ where: ids.map((id) => ({ id })) });
  }

  async create(actor: Principal, input: Required<Pick<RoleChange, 'name' | 'permissions'>> & RoleChange, client: ClientContext): Promise<Role> {
    assertCanGrant(actor, input.permissions);
    await this.assertNameFree(input.name);
    const now = new Date();
    const role = await this.roles.save({
      id: randomUUID(),
      name: input.name,
      nameKey: input.name.toLowerCase(),
      description: input.description ?? null,
      builtin: false,
      permissions: unique(input.permissions),
      createdAt: now,
      updatedAt: now,
    });
    await this.audit.record({
      action: 'role.create',
      outcome: 'success',
      actor,
      client,
      target: { type: 'role', id: role.id },
      details: { name: role.name, permissions: role.permissions },
    });
    return toRole(role);
  }

  async update(actor: Principal, id: string, change: RoleChange, client: ClientContext): Promise<Role> {
    const role = await this.find(id);
    if (role.builtin) throw new ConflictException('Built-in roles cannot be changed; create a custom role instead');
    if (change.permissions) assertCanGrant(actor, change.permissions);
    if (change.name && change.name.toLowerCase() !== role.nameKey) await this.assertNameFree(change.name);
    const before = role.permissions;
    if (change.name) Object.assign(role, { name: change.name, nameKey: change.name.toLowerCase() });
    if (change.description !== undefined) role.description = change.description;
    if (change.permissions) role.permissions = unique(change.permissions);
    role.updatedAt = new Date();
    // A custom role can be what makes the last admin an admin: narrowing it must not leave nobody in charge.
    await this.roles.manager.transaction((manager) =>
      this.lastAdmin.keepingAnAdmin(manager, async () => {
        await manager.save(RoleEntity, role);
      }),
    );
    await this.audit.record({
      action: 'role.update',
      outcome: 'success',
      actor,
      client,
      target: { type: 'role', id },
      details: { name: role.name, ...(change.permissions ? { permissionsBefore: before, permissionsAfter: role.permissions } : {}) },
    });
    return toRole(role);
  }

  async remove(actor: Principal, id: string, client: ClientContext): Promise<void> {
    const role = await this.find(id);
    if (role.builtin) throw new ConflictException('Built-in roles cannot be deleted');
    await this.roles.manager.transaction((manager) =>
      this.lastAdmin.keepingAnAdmin(manager, async () => {
        await manager.delete(RoleEntity, { id });
      }),
    );
    await this.audit.record({ action: 'role.delete', outcome: 'success', actor, client, target: { type: 'role', id }, details: { name: role.name } });
  }

  private async find(id: string): Promise<RoleEntity> {
    const role = await this.roles.findOneBy({ id });
    if (!role) throw new NotFoundException('Role not found');
    return role;
  }

  private async assertNameFree(name: string): Promise<void> {
    if (await this.roles.existsBy({ nameKey: name.toLowerCase() })) throw new ConflictException(`A role named "${name}" already exists`);
  }
}

function unique(permissions: Permission[]): Permission[] {
  if (permissions.length === 0) throw new BadRequestException('A role needs at least one permission');
  return [...new Set(permissions)];
}

function toRole(row: RoleEntity): Role {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    builtin: row.builtin,
    permissions: row.permissions,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
