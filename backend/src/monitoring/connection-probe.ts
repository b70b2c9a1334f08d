import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { ConnectionConfigError, testConnection } from '../collectors';
import { InstanceEntity } from '../instances/instance.entity';
import { ConnectionSettingsError } from '../instances/instances.service';
import { SecretUnavailableError } from '../secrets/secrets.service';
import { ConnectionRegistry } from './connection-registry';

/**
 * "Test connection" on the instance's one connection, the collectors' own (opened now if it is not yet): testing
 * never adds a session to the monitored server, and it checks exactly what collection uses.
 */
@Injectable()
export class ConnectionProbe {
  constructor(
    @InjectRepository(InstanceEntity) private readonly instances: Repository<InstanceEntity>,
    private readonly connections: ConnectionRegistry,
  ) {}

  async test(instanceId: string) {
    const instance = await this.instances.findOneBy({ id: instanceId });
    if (!instance) throw new NotFoundException('Instance not found');
    try {
      const connection = this.connections.get(instance);
      connection.retryNow();
      return await testConnection(connection);
    } catch (error) {
      if (error instanceof SecretUnavailableError) return { ok: false, error: error.message, warnings: [] };
      // Refused by the connection policy, as create and update refuse it: nothing was contacted.
      if (error instanceof ConnectionSettingsError || error instanceof ConnectionConfigError) {
        throw new BadRequestException({ message: `Connection rejected: ${error.message}`, errors: [{ path: 'connection', message: error.message }] });
      }
      throw error;
    }
  }
}
