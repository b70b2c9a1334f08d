import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LastAdminCheck } from '../roles/last-admin-check';
import { RolesModule } from '../roles/roles.module';
import { keepingAnAdmin } from './last-admin';
import { RoleAssignmentEntity } from './role-assignment.entity';
import { UserEntity } from './user.entity';
import { UsersController } from './users.controller';
import { SsoUsersService } from './sso-users.service';
import { UsersService } from './users.service';

/** Global so the roles module can check for the last admin (LastAdminCheck) without importing users, which import roles. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([UserEntity, RoleAssignmentEntity]), RolesModule],
  controllers: [UsersController],
  providers: [UsersService, SsoUsersService, { provide: LastAdminCheck, useValue: { keepingAnAdmin } satisfies LastAdminCheck }],
  exports: [UsersService, SsoUsersService, LastAdminCheck],
})
export class UsersModule {}
