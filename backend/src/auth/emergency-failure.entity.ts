import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../storage/columns';

/** The break-glass account's failures from one client address (EmergencyThrottle), shared by every replica. */
@Entity('auth_emergency_failure')
@Index('IDX_auth_emergency_failure_last_at', ['lastAt'])
export class EmergencyFailureEntity {
  /** The client address, or `unknown`. */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  address: string;

  @Column({ type: 'integer' })
  failures: number;

  @TimestampColumn({ name: 'not_before' })
  notBefore: Date;

  @TimestampColumn({ name: 'last_at' })
  lastAt: Date;
}
