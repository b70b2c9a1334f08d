import { RequirePermission } from '@/app/guards';
import { useAnalyzers } from '@/features/findings/api/get-analyzers';
import { useInstances } from '@/features/instances/api/get-instances';
import { EditChannelPage, NewChannelPage } from '@/features/notifiers/components/ChannelFormPage';
import { NotifiersPage } from '@/features/notifiers/components/NotifiersPage';
import { EditRulePage, NewRulePage } from '@/features/notifiers/components/RuleFormPage';
import { useCan } from '@/lib/authorization';

export const NotifiersRoute = () => (
  <RequirePermission permission="notifiers:read">
    <NotifiersPage />
  </RequirePermission>
);

export const NewChannelRoute = () => (
  <RequirePermission permission="notifiers:write">
    <NewChannelPage />
  </RequirePermission>
);

export const EditChannelRoute = () => (
  <RequirePermission permission="notifiers:write">
    <EditChannelPage />
  </RequirePermission>
);

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
  const choices = useRuleChoices();
  return (
    <RequirePermission permission="notifiers:write">
      <NewRulePage {...choices} />
    </RequirePermission>
  );
}

export function EditRuleRoute() {
  const choices = useRuleChoices();
  return (
    <RequirePermission permission="notifiers:write">
      <EditRulePage {...choices} />
    </RequirePermission>
  );
}
