import { Module } from '@nestjs/common';
import { FindingsModule } from '../findings/findings.module';
import { MetricsModule } from '../metrics/metrics.module';
import { MonitoringModule } from '../monitoring/monitoring.module';
import { OpenMetricsController } from './openmetrics.controller';
import { OpenMetricsService } from './openmetrics.service';

/** The Prometheus scrape endpoint: collected series, instance status and open findings, read through their owners. */
@Module({
  imports: [MonitoringModule, MetricsModule, FindingsModule],
  controllers: [OpenMetricsController],
  providers: [OpenMetricsService],
})
export class OpenMetricsModule {}
