import { useAnalyzers } from '@/features/findings/api/get-analyzers';
import { useInstances } from '@/features/instances/api/get-instances';
import { EditRulePage, NewRulePage } from '@/features/notifiers/components/RuleFormPage';
import { useCan } from '@/lib/authorization';

export { EditChannelPage, NewChannelPage } from '@/features/notifiers/components/ChannelFormPage';
export { NotifiersPage } from '@/features/notifiers/components/NotifiersPage';

/** A rule names instances and analyzers: their lists come from their own features, when the user may read them. */
function useRuleChoices() {
  const instances = useInstances({ enabled: useCan('instances:read') });
  const analyzers = useAnalyzers({ enabled: useCan('config.thresholds:read') });
  return {
    instanceChoices: instances.data?.items.map(({ id, name }) => ({ id, name })) ?? [],
    analyzerChoices: analyzers.data?.items.map(({ id, title }) => ({ id, name: title })) ?? [],
  };
}

export function NewRuleRoute() {
  return <NewRulePage {...useRuleChoices()} />;
}

export function EditRuleRoute() {
  return <EditRulePage {...useRuleChoices()} />;
}
