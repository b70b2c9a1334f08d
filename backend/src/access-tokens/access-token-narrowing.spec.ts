import { describe, expect, it } from 'vitest';
import type { ScopedGrants } from '../access/principal';
import { intersectGrants, narrowAssignments } from './access-token-narrowing';

const everywhere: ScopedGrants = { roleId: 'r1', roleName: 'Operator', grants: ['monitoring:write', 'instances:read'], scope: null };
const onTagged: ScopedGrants = { roleId: 'r2', roleName: 'Notifier', grants: ['findings:write'], scope: { instanceIds: [], tags: ['eu'] } };

describe('narrowAssignments', () => {
  it('keeps a token permission implied by the owner, and an owner grant inside a broader token permission', () => {
    expect(intersectGrants(['monitoring:write'], ['monitoring:read'])).toEqual(['monitoring:read']);
    expect(intersectGrants(['monitoring.queries:read'], ['monitoring:read'])).toEqual(['monitoring.queries:read']);
    expect(intersectGrants(['instances:read'], ['users:read'])).toEqual([]);
  });

  it('drops assignments left with no grant, so a token never holds what its owner lost', () => {
    expect(narrowAssignments([everywhere, onTagged], { permissions: ['instances:read'], instanceIds: null }, [])).toEqual([
      { ...everywhere, grants: ['instances:read'] },
    ]);
  });

  it('scopes each assignment to the listed instances it covers today', () => {
    const instances = [
      { id: 'a', tags: ['eu'] },
      { id: 'b', tags: [] },
    ];
    expect(narrowAssignments([everywhere, onTagged], { permissions: null, instanceIds: ['a', 'b'] }, instances)).toEqual([
      { ...everywhere, scope: { instanceIds: ['a', 'b'], tags: [] } },
      { ...onTagged, scope: { instanceIds: ['a'], tags: [] } },
    ]);
    // A listed instance that no longer exists (or lost its tag) gives nothing.
    expect(narrowAssignments([onTagged], { permissions: null, instanceIds: ['b'] }, [{ id: 'b', tags: [] }])).toEqual([]);
  });
});
