import { Global, Module } from '@nestjs/common';
import { InstanceLeases } from './instance-leases';
import { JobLeases } from './job-leases';
import { ReplicaForwarding } from './replica-forwarding';
import { ReplicaHosts } from './replica-hosts';
import { ReplicaIdentity } from './replica-identity';
import { ReplicaRegistry } from './replica-registry';

/** Work sharing between replicas on one PostgreSQL storage: which replica holds which instance, and runs which job. */
@Global()
@Module({
  providers: [ReplicaIdentity, InstanceLeases, JobLeases, ReplicaRegistry, ReplicaHosts, ReplicaForwarding],
  // The forwarding interceptor is built where it is used: its own dependencies go with it.
  exports: [InstanceLeases, JobLeases, ReplicaHosts, ReplicaForwarding],
})
export class ReplicasModule {}
