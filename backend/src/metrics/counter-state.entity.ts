import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { InstanceEntity } from '../instances/instance.entity';
import { TimestampColumn } from '../storage/columns';

/** The last raw value of each counter, to turn the next reading into a rate (and notice resets). */
@Entity('counter_state')
export class CounterStateEntity {
  @PrimaryColumn({ name: 'instance_id', type: 'varchar', length: 36 })
  instanceId: string;

  @ManyToOne(() => InstanceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'instance_id', foreignKeyConstraintName: 'FK_counter_state_instance' })
  instance?: InstanceEntity;

  @PrimaryColumn({ type: 'varchar', length: 100 })
  metric: string;

  @PrimaryColumn({ type: 'varchar', length: 255 })
  object: string;

  @TimestampColumn()
  at: Date;

  @Column({ type: 'float' })
  value: number;
}
