import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { type StoredConnection, StoredConnections } from '../connections';
import { InstanceEntity } from './instance.entity';

/** Serves the connections module the stored connection columns of an instance, and nothing else of its row. */
@Injectable()
export class InstanceConnections extends StoredConnections {
  constructor(@InjectRepository(InstanceEntity) private readonly instances: Repository<InstanceEntity>) {
    super();
  }

  find(instanceId: string): Promise<StoredConnection | null> {
    return this.instances.findOne({
      where: { id: instanceId },
      select: { id: true, engine: true, connectionSecret: true, tlsMode: true, tlsCa: true, tlsCertSecret: true, tlsKeySecret: true },
    });
  }
}
