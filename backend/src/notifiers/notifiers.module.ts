import { Module, type OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FindingEvents } from '../findings/finding-events';
import { FindingsModule } from '../findings/findings.module';
import { PluginsModule } from '../plugins/plugins.module';
import { ChannelDispatcher } from './channel-dispatcher';
import { ChannelsController } from './channels.controller';
import { ChannelsService } from './channels.service';
import { DeliveriesController } from './deliveries.controller';
import { DeliveriesService } from './deliveries.service';
import { DeliveryRetentionService } from './delivery-retention.service';
import { DeliveryWorker } from './delivery.worker';
import { FindingNotifier } from './finding-notifier';
import { NotificationDeliveryEntity } from './notification-delivery.entity';
import { NotifierChannelEntity } from './notifier-channel.entity';
import { NotifierHosts } from './notifier-hosts';
import { NotifierRuleEntity } from './notifier-rule.entity';
import { RulesController } from './rules.controller';
import { RulesService } from './rules.service';

@Module({
  imports: [TypeOrmModule.forFeature([NotifierChannelEntity, NotifierRuleEntity, NotificationDeliveryEntity]), FindingsModule, PluginsModule],
  controllers: [ChannelsController, RulesController, DeliveriesController],
  providers: [NotifierHosts, ChannelDispatcher, ChannelsService, RulesService, DeliveriesService, DeliveryRetentionService, DeliveryWorker, FindingNotifier],
})
export class NotifiersModule implements OnModuleInit {
  constructor(
    private readonly findingEvents: FindingEvents,
    private readonly notifier: FindingNotifier,
  ) {}

  /** Analysis only waits for the queueing (a few rows); the worker sends later, so no channel can hold a run up. */
  onModuleInit(): void {
    this.findingEvents.on('changed', async (changes) => {
      await this.notifier.enqueue(changes);
    });
  }
}
