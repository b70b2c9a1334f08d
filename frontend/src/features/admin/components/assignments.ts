import type { RoleAssignmentInput, User } from '@inspector/contracts';
import { parseTags } from '@/lib/tags';

/** One role assignment as edited: everywhere, or limited to chosen instances and/or tags. */
export type AssignmentDraft = { key: number; roleId: string; scoped: boolean; instanceIds: string[]; tags: string };

let nextKey = 0;
export const newAssignmentDraft = (roleId = ''): AssignmentDraft => ({ key: nextKey++, roleId, scoped: false, instanceIds: [], tags: '' });

/** The roles given in Inspector; those from single sign-on groups are the provider's to change. */
export const draftsOf = (assignments: User['assignments']): AssignmentDraft[] =>
  assignments
    .filter((assignment) => !assignment.fromGroupMapping)
    .map((assignment) => ({
      key: nextKey++,
      roleId: assignment.roleId,
      scoped: assignment.scope !== null,
      instanceIds: assignment.scope?.instanceIds ?? [],
      tags: assignment.scope?.tags.join(', ') ?? '',
    }));

export function toAssignments(drafts: readonly AssignmentDraft[]): RoleAssignmentInput[] {
  return drafts.map((draft) => ({
    roleId: draft.roleId,
    scope: draft.scoped ? { instanceIds: draft.instanceIds, tags: parseTags(draft.tags) } : null,
  }));
}

/** Problems by draft key; empty when every assignment can be sent. */
export function assignmentProblems(drafts: readonly AssignmentDraft[]): Map<number, string> {
  const problems = new Map<number, string>();
  for (const draft of drafts) {
    if (!draft.roleId) problems.set(draft.key, 'Choose a role');
    else if (draft.scoped && draft.instanceIds.length === 0 && parseTags(draft.tags).length === 0) {
      problems.set(draft.key, 'Choose at least one instance or tag, or grant the role for all instances');
    }
  }
  return problems;
}

/** "Viewer", "Operator on 2 instances, tag prod". */
export function describeAssignment(assignment: User['assignments'][number], instanceName: (id: string) => string = (id) => id): string {
  if (!assignment.scope) return assignment.roleName;
  const parts = [
    ...(assignment.scope.instanceIds.length ? [assignment.scope.instanceIds.map(instanceName).join(', ')] : []),
    ...(assignment.scope.tags.length ? [`tag ${assignment.scope.tags.join(', ')}`] : []),
  ];
  return `${assignment.roleName} on ${parts.join('; ')}`;
}
