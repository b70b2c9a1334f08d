import { Module, type OnModuleInit } from '@nestjs/common';
import { ConnectionsModule, ConnectionsService } from '../connections';
import { InstanceDirectory } from '../instances/instance-directory';
import { InstanceEvents } from '../instances/instance-events';
import { MetricsModule } from '../metrics/metrics.module';
import { MetricsStore } from '../metrics/metrics.store';
import { InstanceLeases } from '../replicas/instance-leases';
import { CollectionService } from './collection.service';
import { CollectorsController } from './collectors.controller';
import { MonitoringController } from './monitoring.controller';
import { MonitoringReadService } from './monitoring-read.service';
import { MysqlSnapshotsController } from './mysql-snapshots.controller';
import { MysqlSnapshotsService } from './mysql-snapshots.service';
import { NEW_INSTANCE_FIRST_RUN_WITHIN_MS } from './schedule';
import { CollectionScheduler } from './collection.scheduler';
import { TopStatementsService } from './top-statements.service';

@Module({
  imports: [ConnectionsModule, MetricsModule],
  controllers: [MonitoringController, CollectorsController, MysqlSnapshotsController],
  providers: [CollectionService, MonitoringReadService, CollectionScheduler, TopStatementsService, MysqlSnapshotsService],
  exports: [MonitoringReadService, TopStatementsService],
})
export class MonitoringModule implements OnModuleInit {
  constructor(
    private readonly events: InstanceEvents,
    private readonly scheduler: CollectionScheduler,
    private readonly connections: ConnectionsService,
    private readonly collection: CollectionService,
    private readonly store: MetricsStore,
    private readonly directory: InstanceDirectory,
    private readonly leases: InstanceLeases,
  ) {}

  /**
   * New instances (and one whose deletion failed) are collected; changed credentials reopen the connection; deleted
   * ones stop before they go.
   */
  onModuleInit(): void {
    this.events.on('created', async (id) => {
      this.connections.resume(id);
      await this.scheduler.watch(id, NEW_INSTANCE_FIRST_RUN_WITHIN_MS);
    });
    this.events.on('changed', async (id) => {
      await this.connections.drop(id);
      await this.leases.changed(id);
    });
    this.events.on('deleting', async (id) => {
      this.scheduler.unwatch(id);
      await this.collection.retire(id);
      await this.store.forget(id);
    });
    // With several replicas: collect what this one holds; hand an instance over only once its connection is closed
    // and its open rollup buckets are written (the next holder adds to them).
    this.leases.handle({
      instanceIds: () => this.directory.ids(),
      gained: (id) => this.scheduler.watch(id),
      losing: async (id) => {
        this.scheduler.unwatch(id);
        await this.connections.drop(id);
        await this.store.flushRollups(new Date(8.64e15));
        await this.store.forget(id);
      },
      reopen: (id) => this.connections.drop(id),
    });
  }
}
