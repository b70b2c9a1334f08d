import type { FindingObjects, FindingSeverity, FindingStatus } from '@inspector/contracts';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { InstanceEntity } from '../instances/instance.entity';
import { TimestampColumn } from '../storage/columns';

/** One problem on one instance (or on Inspector itself, without an instance), as long as analyzers keep seeing it and after (resolved, until retention purges it). */
@Entity('finding')
@Index('IDX_finding_fingerprint', ['instanceId', 'fingerprint'], { unique: true })
@Index('IDX_finding_resolved', ['status', 'resolvedAt'])
export class FindingEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  /** Null for Inspector's own checks (a failed scheduled backup). */
  @Column({ name: 'instance_id', type: 'varchar', length: 36, nullable: true })
  instanceId: string | null;

  @ManyToOne(() => InstanceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'instance_id', foreignKeyConstraintName: 'FK_finding_instance' })
  instance?: InstanceEntity;

  /** sha256 of analyzer, instance and objects: the same problem seen again updates this row. */
  @Column({ type: 'varchar', length: 64 })
  fingerprint: string;

  @Column({ name: 'analyzer_id', type: 'varchar', length: 64 })
  analyzerId: string;

  @Column({ type: 'varchar', length: 16 })
  severity: FindingSeverity;

  @Column({ type: 'simple-json' })
  objects: FindingObjects;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'simple-json' })
  evidence: Record<string, unknown>;

  @Column({ type: 'text' })
  recommendation: string;

  @Column({ type: 'varchar', length: 16 })
  status: FindingStatus;

  @TimestampColumn({ name: 'snoozed_until', nullable: true })
  snoozedUntil: Date | null;

  /** Username of whoever last acknowledged, snoozed or reopened it; null when analysis changed the status. */
  @Column({ name: 'status_changed_by', type: 'varchar', length: 128, nullable: true })
  statusChangedBy: string | null;

  @TimestampColumn({ name: 'status_changed_at', nullable: true })
  statusChangedAt: Date | null;

  @TimestampColumn({ name: 'first_seen_at' })
  firstSeenAt: Date;

  @TimestampColumn({ name: 'last_seen_at' })
  lastSeenAt: Date;

  @TimestampColumn({ name: 'resolved_at', nullable: true })
  resolvedAt: Date | null;
}
