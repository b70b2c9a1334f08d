import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { InstanceScopeLookup } from '../access/instance-scope.provider';
import { RoleAssignmentEntity } from '../users/role-assignment.entity';
import { AccessReviewService } from './access-review.service';
import { InstanceEntity } from './instance.entity';
import { InstanceEvents } from './instance-events';
import { InstancesController } from './instances.controller';
import { InstancesService } from './instances.service';

/** Global so the auth guard can match instance scopes without importing instance storage. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([InstanceEntity, RoleAssignmentEntity])],
  controllers: [InstancesController],
  providers: [InstancesService, AccessReviewService, InstanceEvents, { provide: InstanceScopeLookup, useExisting: InstancesService }],
  exports: [InstancesService, InstanceScopeLookup, InstanceEvents],
})
export class InstancesModule {}
