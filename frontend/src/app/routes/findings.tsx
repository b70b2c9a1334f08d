import { FindingsPage } from '@/features/findings/components/FindingsPage';
import { useInstances } from '@/features/instances/api/get-instances';
import { useCan } from '@/lib/authorization';

export function FindingsRoute() {
  const canListInstances = useCan('instances:read');
  const instances = useInstances({ enabled: canListInstances });
  return <FindingsPage instanceChoices={instances.data?.items ?? []} />;
}
