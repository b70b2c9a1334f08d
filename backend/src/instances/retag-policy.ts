import { expandGrants, grantsImply, type Permission } from '@inspector/contracts';
import { grantsOnInstance, type InstanceScopeFacts } from '../access/access-policy';
import type { Principal } from '../access/principal';

/**
 * Permissions the actor would hold on the instance only because of its new tags. Tags decide which tag-scoped
 * assignments reach an instance, so editing them must never extend the editor's own grants: whoever changes an
 * instance's tags must already hold on it everything the new tags would give them (removing a tag only narrows).
 */
export function permissionsGainedByTags(actor: Principal, instance: InstanceScopeFacts, tags: readonly string[]): Permission[] {
  const before = grantsOnInstance(actor, instance);
  return expandGrants(grantsOnInstance(actor, { id: instance.id, tags: [...tags] })).filter((permission) => !grantsImply(before, permission));
}
