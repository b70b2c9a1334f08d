import { Injectable, Logger } from '@nestjs/common';
import type { Finding } from '@inspector/contracts';

/** What one analysis run changed; findings that were merely seen again are not in it. */
export interface FindingChanges {
  /** Null for Inspector's own checks. */
  instanceId: string | null;
  opened: Finding[];
  escalated: Finding[];
  resolved: Finding[];
}

type Listener = (changes: FindingChanges) => void | Promise<void>;

/**
 * Lets notifiers hear about findings that opened (or reopened), escalated or resolved, without the findings
 * feature depending on them. Emitted after the run is stored, and only when something changed. A failing
 * listener is logged and never fails the analysis; listeners should queue slow work rather than do it inline.
 */
@Injectable()
export class FindingEvents {
  private readonly logger = new Logger('FindingEvents');
  readonly #listeners: Listener[] = [];

  on(_event: 'changed', listener: Listener): void {
    this.#listeners.push(listener);
  }

  async emit(changes: FindingChanges): Promise<void> {
    for (const listener of this.#listeners) {
      try {
        await listener(changes);
      } catch (error) {
        this.logger.error({ err: error, instanceId: changes.instanceId }, 'Finding listener failed');
      }
    }
  }
}
