import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppSetting } from '../storage/app-setting.entity';
import { CollectionSettingsService } from './collection-settings.service';
import { SettingsStore } from './settings.store';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([AppSetting])],
  providers: [SettingsStore, CollectionSettingsService],
  exports: [SettingsStore, CollectionSettingsService],
})
export class SettingsModule {}
