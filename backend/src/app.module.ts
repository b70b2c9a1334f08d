import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE, DiscoveryModule } from '@nestjs/core';
import { ZodValidationPipe } from 'nestjs-zod';
import type { DestinationStream } from 'pino';
import type { DataSource } from 'typeorm';
import type { AppConfig } from './config/config';
import { ConfigModule } from './config/config.module';
import { HealthModule } from './health/health.module';
import { ApiExceptionFilter } from './http/api-exception.filter';
import { LoggingModule } from './logging/logging.module';
import { StorageModule } from './storage/storage.module';

export interface AppModuleOptions {
  config: AppConfig;
  dataSource: DataSource;
  /** Where logs go; stdout when absent. Tests pass a stream to inspect what was logged. */
  logDestination?: DestinationStream;
}

@Module({})
export class AppModule {
  static register({ config, dataSource, logDestination }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DiscoveryModule,
        LoggingModule.forRoot(config, logDestination),
        StorageModule.forDataSource(dataSource),
        HealthModule,
      ],
      providers: [
        { provide: APP_PIPE, useClass: ZodValidationPipe },
        { provide: APP_FILTER, useClass: ApiExceptionFilter },
      ],
    };
  }
}
