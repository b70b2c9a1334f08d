import { useMemo } from 'react';
import type { InstanceChoice } from '@/features/admin/components/AssignmentsEditor';
import { useInstances } from '@/features/instances/api/get-instances';
import { useCan } from '@/lib/authorization';

/** Instances to offer when scoping a role, when the user may list them; otherwise ids are typed in. */
export function useInstanceChoices(): InstanceChoice[] {
  const canRead = useCan('instances:read');
  const { data } = useInstances({ enabled: canRead });
  return useMemo(() => data?.items.map(({ id, name }) => ({ id, name })) ?? [], [data]);
}
