import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../../storage/columns';
import { UserEntity } from '../../users/user.entity';

/** A local user's TOTP authenticator: pending until a first code confirms it, then required at every password login. */
@Entity('user_totp')
export class UserTotpEntity {
  @PrimaryColumn({ name: 'user_id', type: 'varchar', length: 36 })
  userId: string;

  /** Deleting the user deletes this with it (the migration's foreign key, declared here so the schema matches). */
  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_user_totp_user' })
  user?: UserEntity;

  /** The shared secret, sealed like every stored secret (listed in SECRET_COLUMNS, so key rotation re-encrypts it). */
  @Column({ type: 'text' })
  secret: string;

  /** Null while pending (enrolment started, no code confirmed yet): a pending authenticator is not asked for at login. */
  @TimestampColumn({ name: 'enabled_at', nullable: true })
  enabledAt: Date | null;

  /** The RFC 6238 time step of the last accepted code: a code is refused at or before it, so none works twice. */
  @Column({
    name: 'last_time_step',
    type: 'bigint',
    nullable: true,
    // PostgreSQL returns bigint as a string; time steps stay far below 2^53.
    transformer: { to: (value: unknown) => value, from: (value: string | number | null) => (value === null ? null : Number(value)) },
  })
  lastTimeStep: number | null;

  @TimestampColumn({ name: 'created_at' })
  createdAt: Date;
}
