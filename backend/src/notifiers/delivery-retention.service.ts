import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type NotifierRetention, notifierRetentionSchema } from '@inspector/contracts';
import type { Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { ClientContext, Principal } from '../access/principal';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { AppSettingsStore } from '../app-settings/app-settings.store';
import { JobLeases } from '../replicas/job-leases';
import { NotificationDeliveryEntity } from './notification-delivery.entity';

const SETTING_KEY = 'notifiers.retention';
const DEFAULT_RETENTION: NotifierRetention = { deliveryRetentionDays: 30 };
const PURGE_INTERVAL_MS = 6 * 3_600_000;

/** How long the delivery log is kept (an app setting, editable at run time), and the job that enforces it. */
@Injectable()
export class DeliveryRetentionService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Notifications');
  #timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly settings: AppSettingsStore,
    @InjectRepository(NotificationDeliveryEntity) private readonly deliveries: Repository<NotificationDeliveryEntity>,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jobs: JobLeases,
  ) {}

  get(): Promise<NotifierRetention> {
    return this.settings.get(SETTING_KEY, notifierRetentionSchema, DEFAULT_RETENTION);
  }

  async set(actor: Principal, value: NotifierRetention, client: ClientContext): Promise<NotifierRetention> {
    await this.settings.set(SETTING_KEY, value);
    await this.audit.record({
      action: 'notifier.retention.update',
      outcome: 'success',
      actor,
      client,
      target: { type: 'setting', id: SETTING_KEY },
      details: { ...value },
    });
    return value;
  }

  /** Removes log entries created before the retention window, whatever their status. */
  async purgeExpired(now = new Date()): Promise<number> {
    const { deliveryRetentionDays } = await this.get();
    // Epoch milliseconds, not a Date: TypeORM does not run column transformers on delete criteria.
    const result = await this.deliveries
      .createQueryBuilder()
      .delete()
      .where('created_at < :cutoff', { cutoff: now.getTime() - deliveryRetentionDays * 86_400_000 })
      .execute();
    return result.affected ?? 0;
  }

  onApplicationBootstrap(): void {
    if (!this.config.collection.enabled) return;
    // One replica per period purges for all.
    const purge = () =>
      (async () => ((await this.jobs.claimPeriod('delivery-purge', PURGE_INTERVAL_MS)) ? this.purgeExpired() : 0))().then(
        (removed) => removed > 0 && this.logger.log(`Removed ${removed} notification delivery log entr(ies) past retention`),
        (error: unknown) => this.logger.error({ err: error }, 'Notification delivery retention purge failed'),
      );
    void purge();
    this.#timer = setInterval(purge, PURGE_INTERVAL_MS).unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.#timer);
  }
}
