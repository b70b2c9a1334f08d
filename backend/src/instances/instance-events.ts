import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export type InstanceEvent = 'created' | 'changed' | 'deleting';
type Listener = (instanceId: string) => void | Promise<void>;
/** Work that must commit or roll back together with the instance's deletion. */
type RemovalStep = (instanceId: string, manager: EntityManager) => Promise<void>;

/**
 * Lets monitoring and notifiers react to instances being added, changed or removed without the instances feature
 * depending on them (they depend on instances, not the other way round). `deleting` is awaited before the instance
 * goes, so work on it can stop first; removal steps run inside the deleting transaction, for data that names the
 * instance without a foreign key to cascade through.
 */
@Injectable()
export class InstanceEvents {
  readonly #listeners: Record<InstanceEvent, Listener[]> = { created: [], changed: [], deleting: [] };
  readonly #removalSteps: RemovalStep[] = [];

  on(event: InstanceEvent, listener: Listener): void {
    this.#listeners[event].push(listener);
  }

  onRemoval(step: RemovalStep): void {
    this.#removalSteps.push(step);
  }

  async emit(event: InstanceEvent, instanceId: string): Promise<void> {
    for (const listener of this.#listeners[event]) await listener(instanceId);
  }

  async removing(instanceId: string, manager: EntityManager): Promise<void> {
    for (const step of this.#removalSteps) await step(instanceId, manager);
  }
}
