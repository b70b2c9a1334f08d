import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { InstanceEntity } from '../instances/instance.entity';
import { epochMillis } from '../storage/columns';

/**
 * A monitored server's setting (pg_settings) that changed between two runs of the instance collector: what changed
 * since yesterday is often the answer in an incident. The first snapshot of an instance is the baseline, not a change.
 */
@Entity('server_setting_change')
export class ServerSettingChangeEntity {
  @PrimaryColumn({ name: 'instance_id', type: 'varchar', length: 36 })
  instanceId: string;

  @ManyToOne(() => InstanceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'instance_id', foreignKeyConstraintName: 'FK_server_setting_change_instance' })
  instance?: InstanceEntity;

  /** When the run that saw the new value started. */
  @PrimaryColumn({ type: 'bigint', transformer: epochMillis })
  at: Date;

  @PrimaryColumn({ type: 'varchar', length: 128 })
  name: string;

  /** Null: the setting was not visible before (a new extension's, or a privilege change). */
  @Column({ name: 'previous_value', type: 'text', nullable: true })
  previousValue: string | null;

  /** Null: the setting is no longer visible. */
  @Column({ name: 'new_value', type: 'text', nullable: true })
  newValue: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  unit: string | null;
}
