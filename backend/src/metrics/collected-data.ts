import { CollectorCoverageEntity } from './collector-coverage.entity';
import { CollectorStatusEntity } from './collector-status.entity';
import { MetricPointEntity } from './metric-point.entity';
import { MetricRollup1hEntity, MetricRollup5mEntity } from './metric-rollup.entity';
import { MetricSeriesEntity } from './metric-series.entity';
import { ServerSettingChangeEntity } from './server-setting-change.entity';
import { SnapshotEntity } from './snapshot.entity';
import { StatementTextEntity } from './statement-text.entity';

/**
 * Every table of what was collected from monitored databases, declared by their owner so that whole-storage code
 * (a backup without history) can leave them out without reaching into the module's entities one by one.
 */
export const COLLECTED_DATA_ENTITIES: ReadonlySet<unknown> = new Set([
  MetricSeriesEntity,
  MetricPointEntity,
  MetricRollup5mEntity,
  MetricRollup1hEntity,
  CollectorCoverageEntity,
  SnapshotEntity,
  StatementTextEntity,
  ServerSettingChangeEntity,
  CollectorStatusEntity,
]);

/** On PostgreSQL, raw points live in one partition per UTC day of this property (see point-partitions.ts). */
export const DAILY_PARTITIONED = { entity: MetricPointEntity, property: 'at' } as const;
