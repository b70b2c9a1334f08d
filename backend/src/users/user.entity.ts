import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../storage/columns';

@Entity('user')
@Index('UQ_user_sso_identity', ['ssoIssuer', 'ssoSubject'], { unique: true })
export class UserEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 64 })
  username: string;

  /** Lower-cased username: logins and uniqueness ignore case, display keeps it. */
  @Column({ name: 'username_key', type: 'varchar', length: 64, unique: true })
  usernameKey: string;

  @Column({ name: 'display_name', type: 'varchar', length: 128, nullable: true })
  displayName: string | null;

  /** Empty for single sign-on users: no password can match it, and none can be set. */
  @Column({ name: 'password_hash', type: 'varchar', length: 100 })
  passwordHash: string;

  /** Single sign-on users are keyed by the provider's (issuer, subject), never by username; both null for local users. */
  @Column({ name: 'sso_issuer', type: 'varchar', length: 256, nullable: true })
  ssoIssuer: string | null;

  @Column({ name: 'sso_subject', type: 'varchar', length: 255, nullable: true })
  ssoSubject: string | null;

  @Column({ type: 'boolean', default: false })
  disabled: boolean;

  @TimestampColumn({ name: 'created_at' })
  createdAt: Date;

  @TimestampColumn({ name: 'updated_at' })
  updatedAt: Date;

  @TimestampColumn({ name: 'last_login_at', nullable: true })
  lastLoginAt: Date | null;
}
