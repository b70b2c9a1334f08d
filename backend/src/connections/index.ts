export { connectionUrlProblem } from './connection-policy';
export { ConnectionUnavailableError } from './connection-unavailable.error';
export { ConnectionsModule } from './connections.module';
export { ConnectionsService, STATEMENT_TIMEOUT_MS } from './connections.service';
export { connectionOwner, type StoredConnection, StoredConnections, tlsOwner } from './stored-connection';
