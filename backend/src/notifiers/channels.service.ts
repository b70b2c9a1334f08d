import { randomUUID } from 'node:crypto';
import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Channel, ChannelTarget, ChannelTargetChange, ChannelTestResult, CreateChannel, SecretInput, UpdateChannel } from '@inspector/contracts';
import { channelDefinition, webhookUrlProblem } from '@inspector/contracts';
import type { Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { ClientContext, Principal } from '../access/principal';
import { SecretsService } from '../secrets/secrets.service';
import { destinationProblem } from './channel-destination';
import { ChannelDispatcher, channelSecretOwner } from './channel-dispatcher';
import { splitTarget, targetView } from './channel-target';
import { summarize } from './notification';
import { NotificationDeliveryEntity } from './notification-delivery.entity';
import { NotifierChannelEntity } from './notifier-channel.entity';
import { NotifierHosts } from './notifier-hosts';

function invalid(path: string, message: string): BadRequestException {
  return new BadRequestException({ message: 'Validation failed', errors: [{ path, message }] });
}

function sourceOf(input: SecretInput): string {
  return 'env' in input ? 'env' : (input.source ?? 'stored');
}

@Injectable()
export class ChannelsService {
  constructor(
    @InjectRepository(NotifierChannelEntity) private readonly channels: Repository<NotifierChannelEntity>,
    @InjectRepository(NotificationDeliveryEntity) private readonly deliveries: Repository<NotificationDeliveryEntity>,
    private readonly secrets: SecretsService,
    private readonly audit: AuditService,
    private readonly dispatcher: ChannelDispatcher,
    private readonly hosts: NotifierHosts,
  ) {}

  async list(): Promise<Channel[]> {
    return (await this.channels.find({ order: { name: 'ASC' } })).map((row) => this.toChannel(row));
  }

  async get(id: string): Promise<Channel> {
    return this.toChannel(await this.load(id));
  }

  async load(id: string): Promise<NotifierChannelEntity> {
    const row = await this.channels.findOneBy({ id });
    if (!row) throw new NotFoundException('Channel not found');
    return row;
  }

  async create(actor: Principal, input: CreateChannel, client: ClientContext): Promise<Channel> {
    const { settings, credential } = splitTarget(input.target);
    this.checkCredentialUrl(input.target.type, credential);
    this.checkDestination(input.target);
    const id = randomUUID();
    const now = new Date();
    const row: NotifierChannelEntity = {
      id,
      name: input.name,
      type: input.target.type,
      enabled: input.enabled,
      settings,
      credentialSecret: credential ? this.secrets.seal(credential, channelSecretOwner(id)) : null,
      timeoutSeconds: input.timeoutSeconds,
      throttleMax: input.throttle.maxMessages,
      throttleIntervalMinutes: input.throttle.intervalMinutes,
      createdAt: now,
      updatedAt: now,
    };
    await this.channels.insert(row);
    await this.audit.record({
      action: 'notifier.channel.create',
      outcome: 'success',
      actor,
      client,
      target: { type: 'notifier_channel', id },
      details: { name: row.name, type: row.type, ...(credential ? { secretSource: sourceOf(credential) } : {}) },
    });
    return this.toChannel(row);
  }

  async update(actor: Principal, id: string, change: UpdateChannel, client: ClientContext): Promise<Channel> {
    const row = await this.load(id);
    const credential = change.target ? this.applyTarget(row, change.target) : undefined;
    if (change.name !== undefined) row.name = change.name;
    if (change.enabled !== undefined) row.enabled = change.enabled;
    if (change.timeoutSeconds !== undefined) row.timeoutSeconds = change.timeoutSeconds;
    if (change.throttle) {
      row.throttleMax = change.throttle.maxMessages;
      row.throttleIntervalMinutes = change.throttle.intervalMinutes;
    }
    row.updatedAt = new Date();
    await this.channels.save(row);
    await this.audit.record({
      action: credential !== undefined ? 'notifier.channel.secret.update' : 'notifier.channel.update',
      outcome: 'success',
      actor,
      client,
      target: { type: 'notifier_channel', id },
      details: { fields: Object.keys(change), ...(credential ? { secretSource: sourceOf(credential) } : {}) },
    });
    return this.toChannel(row);
  }

  /** Removes the channel with its rules and delivery log (foreign keys cascade); the audit entry remains. */
  async remove(actor: Principal, id: string, client: ClientContext): Promise<void> {
    const row = await this.load(id);
    await this.channels.delete({ id });
    this.secrets.forget(channelSecretOwner(id));
    await this.audit.record({
      action: 'notifier.channel.delete',
      outcome: 'success',
      actor,
      client,
      target: { type: 'notifier_channel', id },
      details: { name: row.name, type: row.type },
    });
  }

  /** Sends a test message now, bypassing queue and throttle, and logs it as a delivery that is not retried. */
  async test(actor: Principal, id: string, client: ClientContext): Promise<ChannelTestResult> {
    const channel = await this.load(id);
    const deliveryId = randomUUID();
    const createdAt = new Date();
    const outcome = await this.dispatcher.send(channel, { deliveryId, kind: 'test', createdAt, events: [] });
    const delivery: NotificationDeliveryEntity = {
      id: deliveryId,
      channelId: id,
      kind: 'test',
      status: outcome.ok ? 'sent' : 'failed',
      attempts: 1,
      lastError: outcome.ok ? null : outcome.error,
      nextAttemptAt: null,
      createdAt,
      sentAt: outcome.ok ? new Date() : null,
      summary: summarize([]),
      events: [],
    };
    await this.deliveries.save(delivery);
    await this.audit.record({
      action: 'notifier.channel.test',
      outcome: outcome.ok ? 'success' : 'failure',
      actor,
      client,
      target: { type: 'notifier_channel', id },
      details: { deliveryId: delivery.id },
    });
    return { ok: outcome.ok, error: delivery.lastError, deliveryId: delivery.id };
  }

  /** Replaces the row's settings and, when given, its credential; returns the credential change. */
  private applyTarget(row: NotifierChannelEntity, target: ChannelTargetChange): SecretInput | null | undefined {
    if (target.type !== row.type) throw invalid('target.type', `cannot change: this is a ${row.type} channel`);
    const { settings, credential } = splitTarget(target);
    const declared = channelDefinition(row.type).credential;
    // A credential left out means "keep": only when there is none to keep does the contract's rule need checking here.
    if (declared?.requiredWhen?.test(settings) && credential === undefined && row.credentialSecret === null) {
      throw invalid(`target.${declared.name}`, declared.requiredWhen.message);
    }
    this.checkCredentialUrl(row.type, credential);
    this.checkDestination(target);
    row.settings = settings;
    if (credential) row.credentialSecret = this.secrets.seal(credential, channelSecretOwner(row.id));
    if (credential === null) {
      this.secrets.forget(channelSecretOwner(row.id));
      row.credentialSecret = null;
    }
    return credential;
  }

  /** An incoming-webhook URL is the secret, so its shape can only be checked here, when it is given as a value. */
  private checkCredentialUrl(type: NotifierChannelEntity['type'], credential: SecretInput | null | undefined): void {
    const declared = channelDefinition(type).credential;
    if (declared?.kind !== 'url' || !credential || 'env' in credential) return;
    const problem = webhookUrlProblem(credential.value);
    if (problem) throw invalid(`target.${declared.name}.value`, `the incoming webhook URL ${problem}`);
  }

  private checkDestination(target: ChannelTarget | ChannelTargetChange): void {
    const problem = destinationProblem(target, this.hosts);
    if (problem) throw invalid(problem.path, problem.message);
  }

  private toChannel(row: NotifierChannelEntity): Channel {
    const credential = row.credentialSecret === null ? null : this.secrets.describe(row.credentialSecret, channelSecretOwner(row.id));
    return {
      id: row.id,
      name: row.name,
      enabled: row.enabled,
      timeoutSeconds: row.timeoutSeconds,
      throttle: { maxMessages: row.throttleMax, intervalMinutes: row.throttleIntervalMinutes },
      target: targetView(row, credential),
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    };
  }
}
