import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type FindOptionsWhere, In, LessThanOrEqual, MoreThan, type Repository } from 'typeorm';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { JobLeases } from '../replicas/job-leases';
import { ChannelDispatcher } from './channel-dispatcher';
import { clockFrom, MAX_ATTEMPTS, retryDelayMs } from './delivery-policy';
import { mergeEvents, summarize } from './notification';
import { NotificationDeliveryEntity } from './notification-delivery.entity';
import { NotifierChannelEntity } from './notifier-channel.entity';

const TICK_MS = 15_000;
/**
 * How long one replica may hold a channel's queue. A replica that dies mid-send keeps it that long; then another sends
 * what is still queued, again (at least once: receivers tell repeats apart by the delivery id).
 */
const CHANNEL_HOLD_MS = 10 * 60_000;

export interface DeliveryReport {
  sent: number;
  retrying: number;
  failed: number;
  /** Left for later: the channel is disabled, busy in another pass, or throttled. */
  deferred: number;
}

/**
 * Sends what the queue holds. Each channel is handled on its own (one hanging receiver delays only itself) and by
 * one pass at a time, re-reading its rows once it holds the channel so overlapping passes never send twice.
 * Retries go first; then everything newly queued for the channel goes out as one message, unless the channel has
 * reached its throttle, in which case it waits (and keeps merging) until the interval allows another message.
 * Replicas on one storage hold a channel in turn (`JobLeases`), so only one of them sends its queue at a time.
 */
@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Notifications');
  readonly #busy = new Set<string>();
  readonly #inflight = new Set<Promise<unknown>>();
  #timer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectRepository(NotificationDeliveryEntity) private readonly deliveries: Repository<NotificationDeliveryEntity>,
    @InjectRepository(NotifierChannelEntity) private readonly channels: Repository<NotifierChannelEntity>,
    private readonly dispatcher: ChannelDispatcher,
    private readonly jobs: JobLeases,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.collection.enabled) return;
    this.#timer = setInterval(() => this.kick(), TICK_MS).unref();
    this.kick();
  }

  /** Lets a pass finish its writes before storage closes (bounded by the channels' timeouts). */
  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await Promise.allSettled([...this.#inflight]);
  }

  /** Starts a pass in the background when the worker runs; new messages need not wait for the next tick. */
  kick(): void {
    if (!this.#timer) return;
    this.deliverDue().catch((error: unknown) => this.logger.error({ err: error }, 'Notification delivery pass failed'));
  }

  async deliverDue(now = new Date()): Promise<DeliveryReport> {
    const pass = this.#pass(clockFrom(now));
    this.#inflight.add(pass);
    try {
      return await pass;
    } finally {
      this.#inflight.delete(pass);
    }
  }

  async #pass(clock: () => Date): Promise<DeliveryReport> {
    const report: DeliveryReport = { sent: 0, retrying: 0, failed: 0, deferred: 0 };
    const due = await this.deliveries.find({ where: this.#dueWhere(clock()), select: { channelId: true } });
    if (due.length === 0) return report;
    const channels = await this.channels.findBy({ id: In([...new Set(due.map((row) => row.channelId))]) });
    await Promise.all(channels.map((channel) => this.#deliverChannel(channel, clock, report)));
    return report;
  }

  #dueWhere(now: Date, channelId?: string): FindOptionsWhere<NotificationDeliveryEntity> {
    return { status: In(['pending', 'retrying']), nextAttemptAt: LessThanOrEqual(now), ...(channelId ? { channelId } : {}) };
  }

  async #deliverChannel(channel: NotifierChannelEntity, clock: () => Date, report: DeliveryReport): Promise<void> {
    if (this.#busy.has(channel.id)) return;
    this.#busy.add(channel.id);
    try {
      await this.jobs.exclusive(`delivery:${channel.id}`, CHANNEL_HOLD_MS, () => this.#sendQueue(channel, clock, report));
    } finally {
      this.#busy.delete(channel.id);
    }
  }

  async #sendQueue(channel: NotifierChannelEntity, clock: () => Date, report: DeliveryReport): Promise<void> {
    const rows = await this.deliveries.find({ where: this.#dueWhere(clock(), channel.id), order: { createdAt: 'ASC', id: 'ASC' } });
    if (!channel.enabled) {
      report.deferred += rows.length;
      return;
    }
    for (const row of rows.filter((candidate) => candidate.status === 'retrying')) await this.#attempt(channel, row, clock, report);
    const pending = rows.filter((candidate) => candidate.status === 'pending');
    if (pending.length === 0) return;
    if (await this.#throttled(channel, clock())) {
      report.deferred += pending.length;
      return;
    }
    await this.#attempt(channel, await this.#merge(pending), clock, report);
  }

  /** Messages sent in the channel's interval; retries of one message count once, when it finally goes out. */
  async #throttled(channel: NotifierChannelEntity, now: Date): Promise<boolean> {
    const since = new Date(now.getTime() - channel.throttleIntervalMinutes * 60_000);
    const sent = await this.deliveries.countBy({ channelId: channel.id, kind: 'findings', status: 'sent', sentAt: MoreThan(since) });
    return sent >= channel.throttleMax;
  }

  /** Queued messages become the oldest one; the others are removed in the same transaction. */
  async #merge(pending: NotificationDeliveryEntity[]): Promise<NotificationDeliveryEntity> {
    const [carrier, ...rest] = pending;
    if (rest.length === 0) return carrier;
    carrier.events = mergeEvents(pending.map((row) => row.events));
    carrier.summary = summarize(carrier.events);
    await this.deliveries.manager.transaction(async (manager) => {
      await manager.save(carrier);
      await manager.delete(NotificationDeliveryEntity, { id: In(rest.map((row) => row.id)) });
    });
    return carrier;
  }

  async #attempt(channel: NotifierChannelEntity, row: NotificationDeliveryEntity, clock: () => Date, report: DeliveryReport): Promise<void> {
    const outcome = await this.dispatcher.send(channel, { deliveryId: row.id, kind: row.kind, createdAt: row.createdAt, events: row.events });
    const attempts = row.attempts + 1;
    const now = clock();
    if (outcome.ok) {
      report.sent++;
      await this.deliveries.update({ id: row.id }, { status: 'sent', attempts, sentAt: now, nextAttemptAt: null, lastError: null });
      return;
    }
    const giveUp = attempts >= MAX_ATTEMPTS;
    if (giveUp) report.failed++;
    else report.retrying++;
    await this.deliveries.update(
      { id: row.id },
      {
        status: giveUp ? 'failed' : 'retrying',
        attempts,
        lastError: outcome.error,
        nextAttemptAt: giveUp ? null : new Date(now.getTime() + retryDelayMs(attempts)),
      },
    );
    this.logger.warn(
      { deliveryId: row.id, channelId: channel.id, attempts, error: outcome.error },
      giveUp ? 'Notification given up' : 'Notification failed; will retry',
    );
  }
}
