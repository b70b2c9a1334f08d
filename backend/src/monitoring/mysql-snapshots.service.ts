import { Injectable, NotFoundException } from '@nestjs/common';
import type { MysqlSnapshotKind, SnapshotQuery } from '@inspector/contracts';
import { InstancesService } from '../instances/instances.service';
import { MonitoringReadService } from './monitoring-read.service';

/** The MySQL / MariaDB snapshots the dashboards read, served like the PostgreSQL ones, and only for a MySQL instance. */
@Injectable()
export class MysqlSnapshotsService {
  constructor(
    private readonly instances: InstancesService,
    private readonly read: MonitoringReadService,
  ) {}

  /** The latest `mysql.<kind>` rows, searched, sorted and paged; 404 for a PostgreSQL instance, which has none. */
  async snapshot(instanceId: string, kind: MysqlSnapshotKind, query: SnapshotQuery) {
    const instance = await this.instances.get(instanceId);
    if (instance.engine !== 'mysql') throw new NotFoundException(`Instance ${instanceId} is not a MySQL or MariaDB server`);
    return this.read.snapshot(instanceId, `mysql.${kind}`, query);
  }
}
