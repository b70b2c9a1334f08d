import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RoleAssignmentEntity } from '../users/role-assignment.entity';
import { UserEntity } from '../users/user.entity';
import { AccessTokenEntity } from './access-token.entity';
import { AccessTokensController } from './access-tokens.controller';
import { AccessTokensService } from './access-tokens.service';

/** Global so the auth service can resolve a personal access token without importing this module (auth is global too). */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([AccessTokenEntity, UserEntity, RoleAssignmentEntity])],
  controllers: [AccessTokensController],
  providers: [AccessTokensService],
  exports: [AccessTokensService],
})
export class AccessTokensModule {}
