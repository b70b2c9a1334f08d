import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { InstanceEntity } from '../instances/instance.entity';

/**
 * The query text of a statement in an instance's `statements` snapshot, stored once while the statement is listed:
 * the snapshot's rows, rewritten every run, then carry numbers only (texts were two thirds of its bytes), and a page
 * of the statements list reads the texts of its own rows only.
 */
@Entity('statement_text')
export class StatementTextEntity {
  @PrimaryColumn({ name: 'instance_id', type: 'varchar', length: 36 })
  instanceId: string;

  @ManyToOne(() => InstanceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'instance_id', foreignKeyConstraintName: 'FK_statement_text_instance' })
  instance?: InstanceEntity;

  /** `<dbid>:<userid>:<queryid>`, as pg_stat_statements keys a statement. */
  @PrimaryColumn({ name: 'statement_key', type: 'varchar', length: 64 })
  statementKey: string;

  @Column({ type: 'text' })
  text: string;
}
