import { Entity, Index, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../../storage/columns';

/** The state of a completed single sign-on attempt, until the attempt would have expired: no replica accepts it again. */
@Entity('auth_sso_used_state')
@Index('IDX_auth_sso_used_state_expires_at', ['expiresAt'])
export class SsoUsedStateEntity {
  /** SHA-256 of the state. */
  @PrimaryColumn({ name: 'state_hash', type: 'varchar', length: 64 })
  stateHash: string;

  @TimestampColumn({ name: 'expires_at' })
  expiresAt: Date;
}
