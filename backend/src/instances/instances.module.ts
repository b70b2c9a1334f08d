import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { InstanceScopeLookup } from '../access/instance-scope.provider';
import { StoredConnections } from '../connections';
import { RoleAssignmentEntity } from '../users/role-assignment.entity';
import { AccessReviewService } from './access-review.service';
import { InstanceConnections } from './instance-connections';
import { InstanceDirectory } from './instance-directory';
import { InstanceEntity } from './instance.entity';
import { InstanceEvents } from './instance-events';
import { InstanceRows } from './instance-rows';
import { InstancesController } from './instances.controller';
import { InstancesService } from './instances.service';

/**
 * Global so the auth guard can match instance scopes, and other features read instances (InstanceDirectory) and
 * connect to them (StoredConnections, for the connections module), without importing instance storage.
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([InstanceEntity, RoleAssignmentEntity])],
  controllers: [InstancesController],
  providers: [
    InstancesService,
    AccessReviewService,
    InstanceEvents,
    InstanceDirectory,
    InstanceRows,
    { provide: InstanceScopeLookup, useExisting: InstancesService },
    { provide: StoredConnections, useClass: InstanceConnections },
  ],
  exports: [InstancesService, InstanceScopeLookup, InstanceEvents, InstanceDirectory, StoredConnections],
})
export class InstancesModule {}
