import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { InstanceEntity } from '../instances/instance.entity';
import { TimestampColumn } from '../storage/columns';

/** An analyzer switched on or off, or given other thresholds, on one instance (the global level lives in app_setting). */
@Entity('analyzer_override')
export class AnalyzerOverrideEntity {
  @PrimaryColumn({ name: 'instance_id', type: 'varchar', length: 36 })
  instanceId: string;

  @ManyToOne(() => InstanceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'instance_id', foreignKeyConstraintName: 'FK_analyzer_override_instance' })
  instance?: InstanceEntity;

  @PrimaryColumn({ name: 'analyzer_id', type: 'varchar', length: 64 })
  analyzerId: string;

  /** Null inherits the global choice. */
  @Column({ type: 'boolean', nullable: true })
  enabled: boolean | null;

  @Column({ type: 'simple-json' })
  thresholds: Record<string, number>;

  @TimestampColumn({ name: 'updated_at' })
  updatedAt: Date;
}
