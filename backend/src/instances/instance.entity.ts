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

  @TimestampColumn({ name: 'created_at' })
  createdAt: Date;

  @TimestampColumn({ name: 'updated_at' })
  updatedAt: Date;
}
