import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { AssignmentScope } from '../access/principal';
import { RoleEntity } from '../roles/role.entity';
import { TimestampColumn } from '../storage/columns';
import { UserEntity } from './user.entity';

/** A role given to a user, everywhere (scope null) or only on chosen instances / tags. */
@Entity('role_assignment')
@Index('IDX_role_assignment_user', ['userId'])
@Index('IDX_role_assignment_role', ['roleId'])
export class RoleAssignmentEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_role_assignment_user' })
  user?: UserEntity;

  @Column({ name: 'role_id', type: 'varchar', length: 36 })
  roleId: string;

  @ManyToOne(() => RoleEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'role_id', foreignKeyConstraintName: 'FK_role_assignment_role' })
  role?: RoleEntity;

  @Column({ type: 'simple-json', nullable: true })
  scope: AssignmentScope | null;

  /**
   * The single sign-on group mapping that gave this role (refreshed at each sign-in), or null when given in Inspector.
   * No foreign key: users does not depend on auth; deleting a mapping removes its assignments through UsersService.
   */
  @Column({ name: 'mapping_id', type: 'varchar', length: 36, nullable: true })
  mappingId: string | null;

  @TimestampColumn({ name: 'created_at' })
  createdAt: Date;
}
