import type { Rule } from '@inspector/contracts';
import { useState } from 'react';
import { Link } from 'react-router';
import { ConfirmDialog } from '@/components/ui/ConfirmDialog';
import { QueryError } from '@/components/ui/QueryError';
import { EmptyState, Loading } from '@/components/ui/States';
import { paths } from '@/config/paths';
import { useCan } from '@/lib/authorization';
import { useDeleteRule } from '../api/delete-rule';
import { useChannels } from '../api/get-channels';
import { useRules } from '../api/get-rules';

/** Which findings go to which channel. */
export function RulesSection() {
  const rules = useRules();
  const channels = useChannels();
  const canWrite = useCan('notifiers:write');
  const channelName = (id: string) => channels.data?.items.find((channel) => channel.id === id)?.name ?? id;
  return (
    <section aria-labelledby="notifiers-rules">
      <div className="section-head">
        <h2 id="notifiers-rules">Rules</h2>
        {canWrite && (channels.data?.items.length ?? 0) > 0 && (
          <Link to={paths.newRule.path} className="button">
            Add rule
          </Link>
        )}
      </div>
      {!rules.data ? (
        rules.error ? (
          <QueryError title="Could not load rules" error={rules.error} onRetry={() => void rules.refetch()} retrying={rules.isFetching} />
        ) : (
          <Loading>Loading rules…</Loading>
        )
      ) : rules.data.items.length === 0 ? (
        <EmptyState title="No rules yet">
          <p className="muted">Without a rule nothing is sent. A rule picks findings by severity, instance or tag, analyzer and event.</p>
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Rules</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Channel</th>
                <th scope="col">Severity</th>
                <th scope="col">Scope</th>
                <th scope="col">Events</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rules.data.items.map((rule) => (
                <RuleRow key={rule.id} rule={rule} channel={channelName(rule.channelId)} canWrite={canWrite} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function RuleRow({ rule, channel, canWrite }: { rule: Rule; channel: string; canWrite: boolean }) {
  const remove = useDeleteRule();
  const [confirming, setConfirming] = useState(false);
  const scope = [
    rule.instanceIds.length > 0 ? `${rule.instanceIds.length} instance${rule.instanceIds.length === 1 ? '' : 's'}` : null,
    rule.tags.length > 0 ? `tags ${rule.tags.join(', ')}` : null,
    rule.analyzerIds.length > 0 ? `${rule.analyzerIds.length} analyzer${rule.analyzerIds.length === 1 ? '' : 's'}` : null,
  ].filter(Boolean);
  return (
    <tr>
      <th scope="row">
        {rule.name}
        {!rule.enabled && <span className="badge badge-neutral">disabled</span>}
      </th>
      <td>{channel}</td>
      <td>{rule.minSeverity} or worse</td>
      <td>{scope.length > 0 ? scope.join('; ') : <span className="muted">everything</span>}</td>
      <td>{rule.events.join(', ')}</td>
      <td className="row-actions">
        {canWrite && (
          <>
            <Link to={paths.rule.to(rule.id)} className="button small">
              Edit
            </Link>
            <button type="button" className="small danger" onClick={() => setConfirming(true)}>
              Delete
            </button>
            <ConfirmDialog
              open={confirming}
              title={`Delete ${rule.name}?`}
              confirmLabel="Delete rule"
              busyLabel="Deleting…"
              busy={remove.isPending}
              onCancel={() => setConfirming(false)}
              onConfirm={() => remove.mutate(rule.id, { onSuccess: () => setConfirming(false) })}
            >
              <p>Findings it matched are no longer sent to {channel}.</p>
              {remove.error && <p className="field-error">{remove.error.message}</p>}
            </ConfirmDialog>
          </>
        )}
      </td>
    </tr>
  );
}
