import { createHash } from 'node:crypto';
import type { FindingObjects } from '@inspector/contracts';

/** Stable identity of a problem: the same analyzer, instance (null: Inspector itself) and objects give the same hash, in any key order. */
export function fingerprint(analyzerId: string, instanceId: string | null, objects: FindingObjects): string {
  const canonical = JSON.stringify([
    analyzerId,
    instanceId,
    Object.keys(objects)
      .sort()
      .map((key) => [key, objects[key]]),
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}
