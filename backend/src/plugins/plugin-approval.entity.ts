import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../storage/columns';

/**
 * An admin's decision about one plugin. The approval holds for the exact manifest and code it was given on
 * (`manifestHash`); a plugin whose files hash differently is pending again. No row: never reviewed.
 */
@Entity('plugin_approval')
export class PluginApprovalEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  name: string;

  /** Null when the plugin was disabled without ever being approved. */
  @Column({ name: 'manifest_hash', type: 'varchar', length: 64, nullable: true })
  manifestHash: string | null;

  /** The approver's username as it was: the decision stays readable after the user is gone. */
  @Column({ name: 'approved_by', type: 'varchar', length: 128, nullable: true })
  approvedBy: string | null;

  @TimestampColumn({ name: 'approved_at', nullable: true })
  approvedAt: Date | null;

  @Column({ type: 'boolean', default: false })
  disabled: boolean;

  @TimestampColumn({ name: 'updated_at' })
  updatedAt: Date;
}
