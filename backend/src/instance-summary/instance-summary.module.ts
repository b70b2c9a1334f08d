import { Module } from '@nestjs/common';
import { AnalyzersModule } from '../analyzers/analyzers.module';
import { MetricsModule } from '../metrics/metrics.module';
import { InstanceSummaryController } from './instance-summary.controller';
import { InstanceSummaryService } from './instance-summary.service';

/** The overview's stat strip: current figures from the metrics module, judged with the analyzers' thresholds. */
@Module({
  imports: [MetricsModule, AnalyzersModule],
  controllers: [InstanceSummaryController],
  providers: [InstanceSummaryService],
})
export class InstanceSummaryModule {}
