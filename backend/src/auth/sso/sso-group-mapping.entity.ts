import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { AssignmentScope } from '../../access/principal';
import { RoleEntity } from '../../roles/role.entity';
import { TimestampColumn } from '../../storage/columns';

/** Members of the provider group `groupName` get `roleId` (everywhere, or within `scope`) at each single sign-on. */
@Entity('sso_group_mapping')
@Index('IDX_sso_group_mapping_role', ['roleId'])
export class SsoGroupMappingEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  /** The value as the provider sends it in the groups claim (OIDC_GROUPS_CLAIM); compared exactly. */
  @Column({ name: 'group_name', type: 'varchar', length: 256 })
  groupName: string;

  @Column({ name: 'role_id', type: 'varchar', length: 36 })
  roleId: string;

  @ManyToOne(() => RoleEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'role_id', foreignKeyConstraintName: 'FK_sso_group_mapping_role' })
  role?: RoleEntity;

  @Column({ type: 'simple-json', nullable: true })
  scope: AssignmentScope | null;

  @TimestampColumn({ name: 'created_at' })
  createdAt: Date;
}
