import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppSetting } from '../storage/app-setting.entity';
import { SettingsStore } from './settings.store';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([AppSetting])],
  providers: [SettingsStore],
  exports: [SettingsStore],
})
export class SettingsModule {}
