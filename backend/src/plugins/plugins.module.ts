import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConnectionsModule, ConnectionsService } from '../connections';
import { MetricsModule } from '../metrics/metrics.module';
import { PluginAnalyzersService } from './plugin-analyzers.service';
import { PluginApprovalEntity } from './plugin-approval.entity';
import { PluginSettingEntity } from './plugin-setting.entity';
import { PluginSettingsService } from './plugin-settings.service';
import { PluginRuntimeService } from './plugin-runtime.service';
import { PluginsController } from './plugins.controller';
import { PluginsService } from './plugins.service';
import { monitoredQueryRunner, PLUGIN_QUERY_RUNNER } from './sandbox/plugin-query-runner';

/** Plugins from PLUGIN_FOLDERS: discovery, admin approval and the sandboxed runtime other features call. */
@Module({
  imports: [TypeOrmModule.forFeature([PluginApprovalEntity, PluginSettingEntity]), ConnectionsModule, MetricsModule],
  controllers: [PluginsController],
  providers: [
    PluginsService,
    PluginRuntimeService,
    PluginSettingsService,
    PluginAnalyzersService,
    {
      provide: PLUGIN_QUERY_RUNNER,
      inject: [ConnectionsService],
      useFactory: (connections: ConnectionsService) => monitoredQueryRunner(connections),
    },
  ],
  exports: [PluginRuntimeService, PluginAnalyzersService],
})
export class PluginsModule {}
