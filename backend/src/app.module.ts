import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE, DiscoveryModule } from '@nestjs/core';
import { ZodValidationPipe } from 'nestjs-zod';
import type { DataSource } from 'typeorm';
import type { AppConfig } from './config/config';
import { ConfigModule } from './config/config.module';
import { AccessTokensModule } from './access-tokens/access-tokens.module';
import { AssistantModule } from './assistant/assistant.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { BackupsModule } from './backups/backups.module';
import { FindingsModule } from './findings/findings.module';
import { FleetModule } from './fleet/fleet.module';
import { HealthModule } from './health/health.module';
import { InstanceSummaryModule } from './instance-summary/instance-summary.module';
import { InstancesModule } from './instances/instances.module';
import { McpModule } from './mcp/mcp.module';
import { MonitoringModule } from './monitoring/monitoring.module';
import { NotifiersModule } from './notifiers/notifiers.module';
import { OpenMetricsModule } from './openmetrics/openmetrics.module';
import { PluginsModule } from './plugins/plugins.module';
import { ReplicasModule } from './replicas/replicas.module';
import { RolesModule } from './roles/roles.module';
import { SecretsModule } from './secrets/secrets.module';
import { ServerSettingsModule } from './server-settings/server-settings.module';
import { AppSettingsModule } from './app-settings/app-settings.module';
import { UsersModule } from './users/users.module';
import { ApiExceptionFilter } from './http/api-exception.filter';
import { StorageModule } from './storage/storage.module';

export interface AppModuleOptions {
  config: AppConfig;
  dataSource: DataSource;
}

@Module({})
export class AppModule {
  static register({ config, dataSource }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DiscoveryModule,
        StorageModule.forDataSource(dataSource),
        ReplicasModule,
        SecretsModule,
        AppSettingsModule,
        AuditModule,
        BackupsModule,
        RolesModule,
        UsersModule,
        AuthModule,
        AccessTokensModule,
        InstancesModule,
        MonitoringModule,
        FleetModule,
        ServerSettingsModule,
        InstanceSummaryModule,
        FindingsModule,
        NotifiersModule,
        AssistantModule,
        PluginsModule,
        McpModule,
        OpenMetricsModule,
        HealthModule,
      ],
      providers: [
        { provide: APP_PIPE, useClass: ZodValidationPipe },
        { provide: APP_FILTER, useClass: ApiExceptionFilter },
      ],
    };
  }
}
