import { type DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { WalCheckpoints } from './wal-checkpoints';

/**
 * Hands Nest the data source opened (and migrated) before the app is created,
 * so a storage problem stops startup with a clear message instead of a retry loop.
 */
@Global()
@Module({})
export class StorageModule {
  static forDataSource(dataSource: DataSource): DynamicModule {
    return {
      module: StorageModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => dataSource.options,
          dataSourceFactory: async () => dataSource,
        }),
      ],
      providers: [WalCheckpoints],
    };
  }
}
