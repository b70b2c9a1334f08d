import { useMemo } from 'react';
import { useParams } from 'react-router';
import { AssistantPage } from '@/features/assistant/components/AssistantPage';
import { AssistantView } from '@/features/assistant/components/AssistantView';
import { useInstance } from '@/features/instances/api/get-instance';
import { useInstanceChoices } from './admin/instance-choices';

export { ProvidersPage } from '@/features/assistant/components/ProvidersPage';

/** An instance's Assistant tab: questions about it, named after it. */
export function InstanceAssistantRoute() {
  const { id = '' } = useParams();
  const { data: instance } = useInstance(id);
  return <AssistantView instanceId={id} subject={instance?.name ?? 'this instance'} />;
}

/** The fleet-wide assistant; its conversation list names the instance a conversation was about, when the user may list instances. */
export function AssistantRoute() {
  const choices = useInstanceChoices();
  const names = useMemo(() => new Map(choices.map(({ id, name }) => [id, name])), [choices]);
  return <AssistantPage instanceNames={names} />;
}
