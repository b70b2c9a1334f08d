import { Module } from '@nestjs/common';
import { MetricsReader } from './metrics.reader';
import { MetricsStore } from './metrics.store';

/**
 * Owns every table of collected data (points, series state, snapshots, collector status): collection writes through
 * MetricsStore, everyone else reads through MetricsReader. src/metrics/ownership.spec.ts keeps it that way.
 */
@Module({
  providers: [MetricsStore, MetricsReader],
  exports: [MetricsStore, MetricsReader],
})
export class MetricsModule {}
