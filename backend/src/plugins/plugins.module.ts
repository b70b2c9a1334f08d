import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PluginApprovalEntity } from './plugin-approval.entity';
import { PluginRuntimeService } from './plugin-runtime.service';
import { PluginsController } from './plugins.controller';
import { PluginsService } from './plugins.service';

/** Plugins from PLUGIN_FOLDERS: discovery, admin approval and the sandboxed runtime other features call. */
@Module({
  imports: [TypeOrmModule.forFeature([PluginApprovalEntity])],
  controllers: [PluginsController],
  providers: [PluginsService, PluginRuntimeService],
  exports: [PluginRuntimeService],
})
export class PluginsModule {}
