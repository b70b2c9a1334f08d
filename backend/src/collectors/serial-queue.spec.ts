import { describe, expect, it } from 'vitest';
import { MonitorQueueFullError } from './errors';
import { SerialQueue } from './serial-queue';

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe(SerialQueue.name, () => {
  it('runs tasks one at a time, in arrival order', async () => {
    const sut = new SerialQueue(10);
    const events: string[] = [];
    const first = deferred<void>();
    const a = sut.push(async () => {
      events.push('a start');
      await first.promise;
      events.push('a end');
    });
    const b = sut.push(async () => {
      events.push('b');
    });
    await Promise.resolve();
    expect(events).toEqual(['a start']);
    first.resolve();
    await Promise.all([a, b]);
    expect(events).toEqual(['a start', 'a end', 'b']);
  });

  it('fails at once when the waiting line is full, and keeps going after a failed task', async () => {
    const sut = new SerialQueue(1);
    const gate = deferred<void>();
    const running = sut.push(() => gate.promise);
    const failing = sut.push(() => Promise.reject(new Error('boom')));
    await expect(sut.push(async () => 'late')).rejects.toBeInstanceOf(MonitorQueueFullError);
    gate.resolve();
    await running;
    await expect(failing).rejects.toThrow('boom');
    await expect(sut.push(async () => 'after')).resolves.toBe('after');
  });

  it('cancels waiting tasks but lets the running one finish', async () => {
    const sut = new SerialQueue(5);
    const gate = deferred<string>();
    const running = sut.push(() => gate.promise);
    const waiting = sut.push(async () => 'never');
    sut.cancelWaiting(new Error('closed'));
    await expect(waiting).rejects.toThrow('closed');
    gate.resolve('done');
    await expect(running).resolves.toBe('done');
  });
});
