import { Global, Module } from '@nestjs/common';
import { InstanceLeases } from './instance-leases';
import { JobLeases } from './job-leases';
import { ReplicaForwarding } from './replica-forwarding';
import { ReplicaIdentity } from './replica-identity';
import { ReplicaRegistry } from './replica-registry';

/** Work sharing between replicas on one PostgreSQL storage: which replica holds which instance, and runs which job. */
@Global()
@Module({
  providers: [ReplicaIdentity, InstanceLeases, JobLeases, ReplicaRegistry, ReplicaForwarding],
  exports: [InstanceLeases, JobLeases, ReplicaForwarding],
})
export class ReplicasModule {}
