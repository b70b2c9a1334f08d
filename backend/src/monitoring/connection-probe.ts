import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { testConnection } from '../collectors';
import { InstanceEntity } from '../instances/instance.entity';
import { connectionOwner } from '../instances/instances.service';
import { SecretsService, SecretUnavailableError } from '../secrets/secrets.service';

/** "Test connection": a short-lived session with the instance's settings, reporting privileges and extensions. */
@Injectable()
export class ConnectionProbe {
  constructor(
    @InjectRepository(InstanceEntity) private readonly instances: Repository<InstanceEntity>,
    private readonly secrets: SecretsService,
  ) {}

  async test(instanceId: string) {
    const instance = await this.instances.findOneBy({ id: instanceId });
    if (!instance) throw new NotFoundException('Instance not found');
    try {
      const url = this.secrets.resolve(instance.connectionSecret, connectionOwner(instanceId));
      return await testConnection(url);
    } catch (error) {
      if (error instanceof SecretUnavailableError) return { ok: false, error: error.message, warnings: [] };
      throw error;
    }
  }
}
