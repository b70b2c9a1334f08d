import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../storage/columns';

/** Instance-wide settings edited at run time (retention, thresholds), one JSON value per key. */
@Entity('app_setting')
export class AppSetting {
  @PrimaryColumn({ type: 'varchar', length: 100 })
  key: string;

  @Column({ type: 'text' })
  value: string;

  @TimestampColumn({ name: 'updated_at' })
  updatedAt: Date;
}
