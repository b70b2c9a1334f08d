import type { InstanceScopeFacts } from './access-policy';

/**
 * Looks up what scope matching needs about an instance (its tags). Provided by the instances module,
 * so the guard does not depend on instance storage.
 */
export abstract class InstanceScopeLookup {
  abstract find(id: string): Promise<InstanceScopeFacts | null>;
}
