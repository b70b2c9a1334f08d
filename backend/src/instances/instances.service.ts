import { randomUUID } from 'node:crypto';
import { BadRequestException, ForbiddenException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { canOnInstance } from '../access/access-policy';
import { InstanceScopeLookup } from '../access/instance-scope.provider';
import type { ClientContext, Principal } from '../access/principal';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { Secret } from '../crypto/secret';
import { SecretsService, SecretUnavailableError } from '../secrets/secrets.service';
import { InstanceEntity } from './instance.entity';
import { InstanceRows } from './instance-rows';
import { connectionOwner, connectionUrlProblem, tlsOwner } from '../connections';
import { InstanceEvents } from './instance-events';
import { permissionsGainedByTags } from './retag-policy';
import type { createInstanceSchema, Engine, Instance, SecretInput, tlsInputSchema, updateInstanceSchema } from '@inspector/contracts';
import type { z } from 'zod';

type CreateInstance = z.infer<typeof createInstanceSchema>;
type UpdateInstance = z.infer<typeof updateInstanceSchema>;
type TlsInput = z.infer<typeof tlsInputSchema>;

@Injectable()
export class InstancesService extends InstanceScopeLookup {
  /** List entries by row: a row is replaced, never changed, when the copy is read again. */
  readonly #listed = new WeakMap<InstanceEntity, Instance>();

  constructor(
    @InjectRepository(InstanceEntity) private readonly instances: Repository<InstanceEntity>,
    private readonly rows: InstanceRows,
    private readonly secrets: SecretsService,
    private readonly audit: AuditService,
    private readonly events: InstanceEvents,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  /** The instance's tags, for the guard's scope check on every instance route. */
  async find(id: string): Promise<{ id: string; tags: string[] } | null> {
    const row = await this.rows.find(id);
    return row && { id: row.id, tags: row.tags };
  }

  /** Instances the caller may read: all of them with a global grant, otherwise those their scopes cover. */
  async list(principal: Principal): Promise<Instance[]> {
    const rows = await this.rows.all();
    return rows.filter((row) => canOnInstance(principal, 'instances:read', row)).map((row) => this.listed(row));
  }

  /** A row as the list shows it, described once per copy of the rows (the descriptions read no storage either). */
  private listed(row: InstanceEntity): Instance {
    let shown = this.#listed.get(row);
    if (!shown) this.#listed.set(row, (shown = this.toInstance(row)));
    return shown;
  }

  async get(id: string): Promise<Instance> {
    return this.toInstance(await this.load(id));
  }

  async create(actor: Principal, input: CreateInstance, client: ClientContext): Promise<Instance> {
    this.assertUsableValue(input.connection, input.engine);
    const id = randomUUID();
    const now = new Date();
    const row: InstanceEntity = {
      id,
      name: input.name,
      engine: input.engine,
      tags: [...new Set(input.tags)],
      connectionSecret: this.secrets.seal(input.connection, connectionOwner(id)),
      ...this.tlsColumns(id, input.tls ?? null),
      hardware: input.hardware ?? null,
      createdAt: now,
      updatedAt: now,
    };
    await this.instances.insert(row);
    await this.events.emit('created', id);
    await this.audit.record({
      action: 'instance.create',
      outcome: 'success',
      actor,
      client,
      target: { type: 'instance', id },
      details: { name: row.name, secretSource: sourceOf(input.connection) },
    });
    return this.toInstance(row);
  }

  async update(actor: Principal, id: string, change: UpdateInstance, client: ClientContext): Promise<Instance> {
    const row = await this.load(id);
    const connectionChange = change.connection !== undefined || change.tls !== undefined;
    if (connectionChange && !canOnInstance(actor, 'instances.connection:write', row)) {
      throw new ForbiddenException('Requires permission instances.connection:write to change connection settings');
    }
    const tags = change.tags === undefined ? undefined : [...new Set(change.tags)];
    const gained = tags ? permissionsGainedByTags(actor, row, tags) : [];
    if (gained.length > 0) {
      throw new ForbiddenException(`Changing the tags would give you permissions you do not hold on this instance: ${gained.join(', ')}`);
    }
    if (change.connection) this.assertUsableValue(change.connection, row.engine);
    if (change.name !== undefined) row.name = change.name;
    if (tags) row.tags = tags;
    if (change.hardware !== undefined) row.hardware = change.hardware;
    if (change.connection) row.connectionSecret = this.secrets.seal(change.connection, connectionOwner(id));
    if (change.tls !== undefined) Object.assign(row, this.tlsColumns(id, change.tls));
    row.updatedAt = new Date();
    await this.instances.save(row);
    if (connectionChange) await this.events.emit('changed', id);
    await this.audit.record({
      action: connectionChange ? 'instance.secret.update' : 'instance.update',
      outcome: 'success',
      actor,
      client,
      target: { type: 'instance', id },
      details: { fields: Object.keys(change), ...(change.connection ? { secretSource: sourceOf(change.connection) } : {}) },
    });
    return this.toInstance(row);
  }

  /**
   * Removes the instance and everything derived from it, in one transaction: collected data through foreign keys,
   * copies elsewhere (notifications) through removal steps. Collection stops first, so no run in flight writes for an
   * instance that is gone. The audit entry remains.
   */
  async remove(actor: Principal, id: string, client: ClientContext): Promise<void> {
    const row = await this.load(id);
    await this.events.emit('deleting', id);
    try {
      await this.instances.manager.transaction(async (manager) => {
        await this.events.removing(id, manager);
        await manager.delete(InstanceEntity, { id });
      });
    } catch (error) {
      // Nothing was deleted: the instance is back in service, as if just created.
      await this.events.emit('created', id);
      throw error;
    }
    for (const owner of [connectionOwner(id), tlsOwner(id, 'cert'), tlsOwner(id, 'key')]) this.secrets.forget(owner);
    await this.audit.record({ action: 'instance.delete', outcome: 'success', actor, client, target: { type: 'instance', id }, details: { name: row.name } });
  }

  /**
   * The URL given in the request, or the one its environment variable holds now, is checked now, so a bad URL
   * is a 400 rather than a failing collector later; so is a URL of another engine than the instance's. A variable not
   * set yet is checked at use.
   */
  private assertUsableValue(input: SecretInput, engine: Engine): void {
    const url = 'env' in input ? this.referencedValue(input) : Secret.of(input.value);
    const problem = url && connectionUrlProblem(url, this.config.monitor.allowedHosts, engine);
    if (problem)
      throw new BadRequestException({
        message: 'Connection rejected',
        errors: [{ path: 'env' in input ? 'connection.env' : 'connection.value', message: problem }],
      });
  }

  /** Sealed under a throw-away owner, so the reference is validated exactly as it will be stored; an env column holds no ciphertext. */
  private referencedValue(input: SecretInput): Secret | null {
    const owner = connectionOwner('validation');
    try {
      return this.secrets.resolve(this.secrets.seal(input, owner), owner);
    } catch (error) {
      if (error instanceof SecretUnavailableError) return null;
      throw error;
    }
  }

  private tlsColumns(id: string, tls: TlsInput | null): Pick<InstanceEntity, 'tlsMode' | 'tlsCa' | 'tlsCertSecret' | 'tlsKeySecret'> {
    if (!tls) {
      this.secrets.forget(tlsOwner(id, 'cert'));
      this.secrets.forget(tlsOwner(id, 'key'));
      return { tlsMode: null, tlsCa: null, tlsCertSecret: null, tlsKeySecret: null };
    }
    return {
      tlsMode: tls.mode,
      tlsCa: tls.ca ?? null,
      tlsCertSecret: tls.cert ? this.secrets.seal(tls.cert, tlsOwner(id, 'cert')) : null,
      tlsKeySecret: tls.key ? this.secrets.seal(tls.key, tlsOwner(id, 'key')) : null,
    };
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
      tls: row.tlsMode
        ? {
            mode: row.tlsMode,
            caSet: row.tlsCa !== null,
            cert: row.tlsCertSecret ? this.secrets.describe(row.tlsCertSecret, tlsOwner(row.id, 'cert')) : null,
            key: row.tlsKeySecret ? this.secrets.describe(row.tlsKeySecret, tlsOwner(row.id, 'key')) : null,
          }
        : null,
      hardware: row.hardware,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    };
  }
}

function sourceOf(input: SecretInput): string {
  return 'env' in input ? 'env' : (input.source ?? 'stored');
}
