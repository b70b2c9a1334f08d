import { Module } from '@nestjs/common';
import { MetricsModule } from '../metrics/metrics.module';
import { ServerSettingsController } from './server-settings.controller';

/** Monitored servers' settings history, read through the metrics module that stores it. */
@Module({ imports: [MetricsModule], controllers: [ServerSettingsController] })
export class ServerSettingsModule {}
