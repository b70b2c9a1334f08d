import { Module } from '@nestjs/common';
import { ConnectionsService } from './connections.service';

/**
 * The connections to monitored instances: registry, settings from stored secrets, URL policy and the connection test.
 * Callers ask by instance id and never see instance rows or secrets; StoredConnections comes from the instances module.
 */
@Module({
  providers: [ConnectionsService],
  exports: [ConnectionsService],
})
export class ConnectionsModule {}
