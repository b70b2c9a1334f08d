import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { ConnectionConfigError, testConnection } from '../collectors';
import { InstanceEntity } from '../instances/instance.entity';
import { ConnectionSettingsError, InstancesService } from '../instances/instances.service';
import { SecretUnavailableError } from '../secrets/secrets.service';

/** "Test connection": a short-lived session with the instance's settings, reporting privileges and extensions. */
@Injectable()
export class ConnectionProbe {
  constructor(
    @InjectRepository(InstanceEntity) private readonly instances: Repository<InstanceEntity>,
    private readonly instanceService: InstancesService,
  ) {}

  async test(instanceId: string) {
    const instance = await this.instances.findOneBy({ id: instanceId });
    if (!instance) throw new NotFoundException('Instance not found');
    try {
      const { url, tls, allowedHosts } = this.instanceService.connectionSettings(instance);
      return await testConnection(url, tls, { allowedHosts });
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
