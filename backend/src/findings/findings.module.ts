import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AnalyzersModule } from '../analyzers/analyzers.module';
import { PluginsModule } from '../plugins/plugins.module';
import { AnalysisScheduler } from './analysis.scheduler';
import { AnalysisService } from './analysis.service';
import { FindingEntity } from './finding.entity';
import { FindingEvents } from './finding-events';
import { FindingsController } from './findings.controller';
import { FindingsService } from './findings.service';
import { InspectorChecks } from './inspector-checks';

/**
 * Analysis runs and the findings they produce. Exports FindingEvents for notifiers, AnalysisService to trigger runs
 * and InspectorChecks for Inspector's own checks (scheduled backups).
 */
@Module({
  imports: [TypeOrmModule.forFeature([FindingEntity]), AnalyzersModule, PluginsModule],
  controllers: [FindingsController],
  providers: [FindingsService, AnalysisService, AnalysisScheduler, FindingEvents, InspectorChecks],
  exports: [FindingEvents, AnalysisService, FindingsService, InspectorChecks],
})
export class FindingsModule {}
