import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { InstanceEntity } from '../instances/instance.entity';
import { epochMillis } from '../storage/columns';

/**
 * A stretch of time during which a collector ran successfully on an instance without a gap: from its first run to its
 * latest. Charts read these to tell "unchanged" (inside a span, no new point) from "not monitored" (outside every
 * span), since the store writes a value only when it changes.
 */
@Entity('collector_coverage')
export class CollectorCoverageEntity {
  @PrimaryColumn({ name: 'instance_id', type: 'varchar', length: 36 })
  instanceId: string;

  @ManyToOne(() => InstanceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'instance_id', foreignKeyConstraintName: 'FK_collector_coverage_instance' })
  instance?: InstanceEntity;

  @PrimaryColumn({ name: 'collector_id', type: 'varchar', length: 32 })
  collectorId: string;

  @PrimaryColumn({ name: 'started_at', type: 'bigint', transformer: epochMillis })
  startedAt: Date;

  /** The latest successful run of the span. */
  @Column({ name: 'ended_at', type: 'bigint', transformer: epochMillis })
  endedAt: Date;

  /** The interval the collector ran at: after `endedAt` the next run was due this much later. */
  @Column({ name: 'interval_ms', type: 'integer' })
  intervalMs: number;
}
