import { Module } from '@nestjs/common';
import { ConnectionTestsController } from './connection-tests.controller';
import { ConnectionsService } from './connections.service';
import { DraftConnectionTests } from './draft-connection-tests';
import { DraftTestThrottle } from './draft-test-throttle';

/**
 * The connections to monitored instances: registry, settings from stored secrets, URL policy and the connection test.
 * Callers ask by instance id and never see instance rows or secrets; StoredConnections comes from the instances module.
 * Also tests connection settings from the instance form before they are saved.
 */
@Module({
  controllers: [ConnectionTestsController],
  providers: [ConnectionsService, DraftConnectionTests, DraftTestThrottle],
  exports: [ConnectionsService],
})
export class ConnectionsModule {}
