import { Injectable } from '@nestjs/common';
import type { Engine } from '@inspector/contracts';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type Repository } from 'typeorm';
import { InstanceEntity } from './instance.entity';
import { readInstanceEngine } from './instance-reads';

/** What other features need to know about an instance: never its connection or secrets. */
export type InstanceSummary = Pick<InstanceEntity, 'id' | 'name' | 'engine' | 'tags' | 'hardware'>;

const SUMMARY = { id: true, name: true, engine: true, tags: true, hardware: true } as const;

/** Serves instance rows to the features outside `instances/` (scheduling, analysis, findings, notifications). */
@Injectable()
export class InstanceDirectory {
  constructor(@InjectRepository(InstanceEntity) private readonly instances: Repository<InstanceEntity>) {}

  async ids(): Promise<string[]> {
    return (await this.instances.find({ select: { id: true } })).map((instance) => instance.id);
  }

  /** Every instance's engine, by id: which collectors it runs. */
  async engines(): Promise<Map<string, Engine>> {
    return new Map((await this.instances.find({ select: { id: true, engine: true } })).map((instance) => [instance.id, instance.engine]));
  }

  /** The instance's engine; null for an unknown instance. A fixed statement: every status request asks. */
  engine(id: string): Promise<Engine | null> {
    return readInstanceEngine(this.instances, id);
  }

  /** Every instance, or only those with the given ids (unknown ids are left out). */
  summaries(ids?: readonly string[]): Promise<InstanceSummary[]> {
    return this.instances.find({ where: ids ? { id: In([...ids]) } : {}, select: SUMMARY });
  }

  summary(id: string): Promise<InstanceSummary | null> {
    return this.instances.findOne({ where: { id }, select: SUMMARY });
  }
}
