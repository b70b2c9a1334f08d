import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MetricsModule } from '../metrics/metrics.module';
import { AnalyzerConfigService } from './analyzer-config.service';
import { AnalyzerOverrideEntity } from './analyzer-override.entity';
import { AnalyzersController } from './analyzers.controller';
import { AnalyzerInputLoader } from './input-loader';

/** The analyzer plugins' configuration and the input they read; running them is the findings module's job. */
@Module({
  imports: [TypeOrmModule.forFeature([AnalyzerOverrideEntity]), MetricsModule],
  controllers: [AnalyzersController],
  providers: [AnalyzerConfigService, AnalyzerInputLoader],
  exports: [AnalyzerConfigService, AnalyzerInputLoader],
})
export class AnalyzersModule {}
