import { Injectable } from '@nestjs/common';

export type InstanceEvent = 'created' | 'changed' | 'deleted';
type Listener = (instanceId: string) => void | Promise<void>;

/**
 * Lets monitoring react to instances being added, changed or removed without the instances feature
 * depending on it (monitoring depends on instances, not the other way round).
 */
@Injectable()
export class InstanceEvents {
  readonly #listeners: Record<InstanceEvent, Listener[]> = { created: [], changed: [], deleted: [] };

  on(event: InstanceEvent, listener: Listener): void {
    this.#listeners[event].push(listener);
  }

  async emit(event: InstanceEvent, instanceId: string): Promise<void> {
    for (const listener of this.#listeners[event]) await listener(instanceId);
  }
}
