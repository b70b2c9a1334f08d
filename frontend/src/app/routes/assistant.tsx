import { useParams } from 'react-router';
import { AssistantView } from '@/features/assistant/components/AssistantView';
import { useInstance } from '@/features/instances/api/get-instance';

export { AssistantPage } from '@/features/assistant/components/AssistantPage';
export { ProvidersPage } from '@/features/assistant/components/ProvidersPage';

/** An instance's Assistant tab: questions about it, named after it. */
export function InstanceAssistantRoute() {
  const { id = '' } = useParams();
  const { data: instance } = useInstance(id);
  return <AssistantView instanceId={id} subject={instance?.name ?? 'this instance'} />;
}
