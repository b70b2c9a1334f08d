import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppSetting } from './app-setting.entity';
import { CollectionSettingsService } from './collection-settings.service';
import { AppSettingsStore } from './app-settings.store';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([AppSetting])],
  providers: [AppSettingsStore, CollectionSettingsService],
  exports: [AppSettingsStore, CollectionSettingsService],
})
export class AppSettingsModule {}
