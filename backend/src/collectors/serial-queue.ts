import { MonitorQueueFullError } from './errors';

interface Waiting {
  start: () => void;
  cancel: (reason: Error) => void;
}

/**
 * Runs tasks one at a time in arrival order. At most `limit` tasks wait behind the running one; beyond
 * that `push` fails at once, so a slow or hung server makes callers fail fast instead of piling up work.
 */
export class SerialQueue {
  readonly #waiting: Waiting[] = [];
  #busy = false;

  constructor(private readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError('queue limit must be a positive integer');
  }

  push<T>(task: () => Promise<T>): Promise<T> {
    if (this.#waiting.length >= this.limit) {
      return Promise.reject(new MonitorQueueFullError(`query queue is full (${this.limit} waiting)`));
    }
    return new Promise<T>((resolve, reject) => {
      this.#waiting.push({
        start: () => {
          void Promise.resolve()
            .then(task)
            .then(resolve, reject)
            .finally(() => {
              this.#busy = false;
              this.#next();
            });
        },
        cancel: reject,
      });
      this.#next();
    });
  }

  /** Fails every task that has not started yet; the running one finishes on its own. */
  cancelWaiting(reason: Error): void {
    for (const waiting of this.#waiting.splice(0)) waiting.cancel(reason);
  }

  #next(): void {
    if (this.#busy) return;
    const waiting = this.#waiting.shift();
    if (!waiting) return;
    this.#busy = true;
    waiting.start();
  }
}
