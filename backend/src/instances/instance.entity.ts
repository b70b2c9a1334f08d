import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../storage/columns';

/** A monitored database server. Its connection URL is a secret column (see secrets/secret-columns.ts). */
@Entity('instance')
export class InstanceEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 128 })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  engine: 'postgres' | 'mysql';

  /** The stored form of a secret (ciphertext, env reference or memory marker), never a plain URL. */
  @Column({ name: 'connection_secret', type: 'text' })
  connectionSecret: string;

  @Column({ type: 'simple-json' })
  tags: string[];

  /** Null: the URL's sslmode, else `require` for a remote host and `disable` for a loopback one (not libpq's `prefer`). */
  @Column({ name: 'tls_mode', type: 'varchar', length: 16, nullable: true })
  tlsMode: 'disable' | 'require' | 'verify-ca' | 'verify-full' | null;

  /** PEM of the CA that signs the server certificate: public, stored as is. */
  @Column({ name: 'tls_ca', type: 'text', nullable: true })
  tlsCa: string | null;

  /** Client certificate and key for certificate authentication: stored forms of secrets. */
  @Column({ name: 'tls_cert_secret', type: 'text', nullable: true })
  tlsCertSecret: string | null;

  @Column({ name: 'tls_key_secret', type: 'text', nullable: true })
  tlsKeySecret: string | null;

  /** What the user told us about the server, for tuning advice; null when unknown. */
  @Column({ type: 'simple-json', nullable: true })
  hardware: { vcpu?: number; ramGb?: number; storageGb?: number; storageType?: 'ssd' | 'hdd' } | null;

  @TimestampColumn({ name: 'created_at' })
  createdAt: Date;

  @TimestampColumn({ name: 'updated_at' })
  updatedAt: Date;
}
