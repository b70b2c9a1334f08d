import type { ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { QueryError } from '@/components/ui/QueryError';
import { EmptyState, Loading } from '@/components/ui/States';
import { paths } from '@/config/paths';
import { useChannels } from '../api/get-channels';
import { useCreateRule } from '../api/create-rule';
import { useRules } from '../api/get-rules';
import { useUpdateRule } from '../api/update-rule';
import { RuleForm, type Choice } from './RuleForm';

type RulePageProps = { instanceChoices: readonly Choice[]; analyzerChoices: readonly Choice[] };

function RulePage({ title, children }: { title: string; children: ReactNode }) {
  return (
    <>
      <title>{`${title} · Inspector`}</title>
      <header className="page-header">
        <h1>{title}</h1>
        <p className="muted">Which findings are sent to which channel.</p>
      </header>
      {children}
    </>
  );
}

export function NewRulePage(props: RulePageProps) {
  const channels = useChannels();
  const create = useCreateRule();
  const navigate = useNavigate();
  return (
    <RulePage title="New rule">
      {!channels.data ? (
        channels.error ? (
          <QueryError title="Could not load channels" error={channels.error} onRetry={() => void channels.refetch()} retrying={channels.isFetching} />
        ) : (
          <Loading>Loading channels…</Loading>
        )
      ) : channels.data.items.length === 0 ? (
        <EmptyState title="Add a channel first">
          <Link to={paths.newChannel.path} className="button primary">
            Add a channel
          </Link>
        </EmptyState>
      ) : (
        <section className="panel form-panel">
          <RuleForm
            {...props}
            channels={channels.data.items}
            pending={create.isPending}
            error={create.error}
            onSubmit={(body) => create.mutate(body, { onSuccess: () => void navigate(paths.notifiers.path) })}
          />
        </section>
      )}
    </RulePage>
  );
}

export function EditRulePage(props: RulePageProps) {
  const { id = '' } = useParams();
  const channels = useChannels();
  const rules = useRules();
  const update = useUpdateRule(id);
  const navigate = useNavigate();
  const rule = rules.data?.items.find((candidate) => candidate.id === id);
  const error = channels.error ?? rules.error;
  return (
    <RulePage title={rule ? `Edit ${rule.name}` : 'Edit rule'}>
      {!channels.data || !rules.data ? (
        error ? (
          <QueryError
            title="Could not load the rule"
            error={error}
            onRetry={() => void Promise.all([channels.refetch(), rules.refetch()])}
            retrying={channels.isFetching || rules.isFetching}
          />
        ) : (
          <Loading>Loading rule…</Loading>
        )
      ) : !rule ? (
        <EmptyState title="No such rule">
          <Link to={paths.notifiers.path}>Back to notifiers</Link>
        </EmptyState>
      ) : (
        <section className="panel form-panel">
          <RuleForm
            {...props}
            rule={rule}
            channels={channels.data.items}
            pending={update.isPending}
            error={update.error}
            onSubmit={(body) => update.mutate(body, { onSuccess: () => void navigate(paths.notifiers.path) })}
          />
        </section>
      )}
    </RulePage>
  );
}
