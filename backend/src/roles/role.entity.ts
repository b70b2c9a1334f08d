import { knownPermissions, type Permission } from '@inspector/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../storage/columns';

@Entity('role')
export class RoleEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 64 })
  name: string;

  @Column({ name: 'name_key', type: 'varchar', length: 64, unique: true })
  nameKey: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  /** Admin, Operator and Viewer: their permissions are fixed and they cannot be deleted. */
  @Column({ type: 'boolean', default: false })
  builtin: boolean;

  // Filtered on read: a permission retired from the catalog must not make a stored role unreadable.
  @Column({ type: 'simple-json', transformer: { from: (stored: unknown[]) => knownPermissions(stored), to: (permissions: Permission[]) => permissions } })
  permissions: Permission[];

  @TimestampColumn({ name: 'created_at' })
  createdAt: Date;

  @TimestampColumn({ name: 'updated_at' })
  updatedAt: Date;
}
