import { useAnalyzers } from '@/features/findings/api/get-analyzers';
import { useInstances } from '@/features/instances/api/get-instances';
import { EditChannelPage, NewChannelPage } from '@/features/notifiers/components/ChannelFormPage';
import { EditRulePage, NewRulePage } from '@/features/notifiers/components/RuleFormPage';
import { usePlugins } from '@/features/plugins/api/get-plugins';
import { useCan } from '@/lib/authorization';

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

/** A Plugin channel names an approved plugin and one of its notifiers: offered to users who may read plugins. */
function useChannelChoices() {
  const plugins = usePlugins({ enabled: useCan('plugins:read') });
  const approved = plugins.data?.items.filter((plugin) => plugin.status === 'approved' && plugin.provides.notifiers.length > 0) ?? [];
  return { pluginNotifiers: approved.map((plugin) => ({ plugin: plugin.name, notifiers: plugin.provides.notifiers })) };
}

export function NewChannelRoute() {
  return <NewChannelPage {...useChannelChoices()} />;
}

export function EditChannelRoute() {
  return <EditChannelPage {...useChannelChoices()} />;
}

export function NewRuleRoute() {
  return <NewRulePage {...useRuleChoices()} />;
}

export function EditRuleRoute() {
  return <EditRulePage {...useRuleChoices()} />;
}
