import { Module } from '@nestjs/common';
import { MetricsReader } from './metrics.reader';
import { MetricsStore } from './metrics.store';
import { RecentReadings } from './recent-readings';

/**
 * Owns every table of collected data (points, series state, snapshots, collector status): collection writes through
 * MetricsStore, everyone else reads through MetricsReader. src/metrics/ownership.spec.ts keeps it that way.
 */
@Module({
  // RecentReadings by factory: its constructor takes limits, not dependencies.
  providers: [MetricsStore, MetricsReader, { provide: RecentReadings, useFactory: () => new RecentReadings() }],
  exports: [MetricsStore, MetricsReader],
})
export class MetricsModule {}
