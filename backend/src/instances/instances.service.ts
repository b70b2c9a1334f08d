import { randomUUID } from 'node:crypto';
import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { canOnInstance } from '../auth/access-policy';
import { InstanceScopeLookup } from '../auth/instance-scope.provider';
import type { ClientContext, Principal } from '../auth/principal';
import type { SecretOwner } from '../crypto/secret-cipher';
import { SecretsService } from '../secrets/secrets.service';
import { InstanceEntity } from './instance.entity';
import { InstanceEvents } from './instance-events';
import type { Instance, SecretInput } from '@inspector/contracts';

/** The secret column of an instance, as its ciphertext's associated data names it. */
export function connectionOwner(id: string): SecretOwner {
  return { table: 'instance', column: 'connection_secret', id };
}

@Injectable()
export class InstancesService extends InstanceScopeLookup {
  constructor(
    @InjectRepository(InstanceEntity) private readonly instances: Repository<InstanceEntity>,
    private readonly secrets: SecretsService,
    private readonly audit: AuditService,
    private readonly events: InstanceEvents,
  ) {
    super();
  }

  async find(id: string): Promise<{ id: string; tags: string[] } | null> {
    return this.instances.findOne({ where: { id }, select: { id: true, tags: true } });
  }

  /** Instances the caller may read: all of them with a global grant, otherwise those their scopes cover. */
  async list(principal: Principal): Promise<Instance[]> {
    const rows = await this.instances.find({ order: { name: 'ASC' } });
    return rows.filter((row) => canOnInstance(principal, 'instances:read', row)).map((row) => this.toInstance(row));
  }

  async get(id: string): Promise<Instance> {
    return this.toInstance(await this.load(id));
  }

  async create(actor: Principal, input: { name: string; engine: 'postgres'; connection: SecretInput; tags: string[] }, client: ClientContext): Promise<Instance> {
    const id = randomUUID();
    const now = new Date();
    const row: InstanceEntity = {
      id,
      name: input.name,
      engine: input.engine,
      tags: [...new Set(input.tags)],
      connectionSecret: this.secrets.seal(input.connection, connectionOwner(id)),
      createdAt: now,
      updatedAt: now,
    };
    await this.instances.insert(row);
    await this.events.emit('created', id);
    await this.audit.record({ action: 'instance.create', outcome: 'success', actor, client, target: { type: 'instance', id }, details: { name: row.name, secretSource: sourceOf(input.connection) } });
    return this.toInstance(row);
  }

  async update(actor: Principal, id: string, change: { name?: string; connection?: SecretInput; tags?: string[] }, client: ClientContext): Promise<Instance> {
    const row = await this.load(id);
    if (change.connection && !canOnInstance(actor, 'instances.connection:write', row)) {
      throw new ForbiddenException('Requires permission instances.connection:write to change connection settings');
    }
    if (change.name !== undefined) row.name = change.name;
    if (change.tags !== undefined) row.tags = [...new Set(change.tags)];
    if (change.connection) row.connectionSecret = this.secrets.seal(change.connection, connectionOwner(id));
    row.updatedAt = new Date();
    await this.instances.save(row);
    if (change.connection) await this.events.emit('changed', id);
    await this.audit.record({
      action: change.connection ? 'instance.secret.update' : 'instance.update',
      outcome: 'success',
      actor,
      client,
      target: { type: 'instance', id },
      details: { fields: Object.keys(change), ...(change.connection ? { secretSource: sourceOf(change.connection) } : {}) },
    });
    return this.toInstance(row);
  }

  /** Removes the instance and, through foreign keys, everything derived from it; the audit entry remains. */
  async remove(actor: Principal, id: string, client: ClientContext): Promise<void> {
    const row = await this.load(id);
    await this.events.emit('deleted', id);
    await this.instances.delete({ id });
    this.secrets.forget(connectionOwner(id));
    await this.audit.record({ action: 'instance.delete', outcome: 'success', actor, client, target: { type: 'instance', id }, details: { name: row.name } });
  }

  private async load(id: string): Promise<InstanceEntity> {
    const row = await this.instances.findOneBy({ id });
    if (!row) throw new NotFoundException('Instance not found');
    return row;
  }

  private toInstance(row: InstanceEntity): Instance {
    return {
      id: row.id,
      name: row.name,
      engine: row.engine,
      tags: row.tags,
      connection: this.secrets.describe(row.connectionSecret, connectionOwner(row.id)),
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    };
  }
}

function sourceOf(input: SecretInput): string {
  return 'env' in input ? 'env' : (input.source ?? 'stored');
}
