import { Module } from '@nestjs/common';
import { FindingsModule } from '../findings/findings.module';
import { MetricsModule } from '../metrics/metrics.module';
import { MonitoringModule } from '../monitoring/monitoring.module';
import { FleetController } from './fleet.controller';
import { FleetService } from './fleet.service';

/** The home board: every watched instance at a glance, read through the monitoring, metrics and findings modules. */
@Module({
  imports: [MonitoringModule, MetricsModule, FindingsModule],
  controllers: [FleetController],
  providers: [FleetService],
})
export class FleetModule {}
