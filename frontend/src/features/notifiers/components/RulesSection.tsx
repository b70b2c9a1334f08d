import type { Rule } from '@inspector/contracts';
import { Link } from 'react-router';
import { DataTable, type Column } from '@/components/ui/DataTable';
import { QueryState } from '@/components/ui/QueryState';
import { EmptyState } from '@/components/ui/States';
import { paths } from '@/config/paths';
import { useCan } from '@/lib/authorization';
import { useDeleteRule } from '../api/delete-rule';
import { useChannels } from '../api/get-channels';
import { useRules } from '../api/get-rules';
import { DeleteButton } from './DeleteButton';

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
      <QueryState
        query={rules}
        loading="Loading rules…"
        errorTitle="Could not load rules"
        isEmpty={(data) => data.items.length === 0}
        empty={
          <EmptyState title="No rules yet">
            <p className="muted">Without a rule nothing is sent. A rule picks findings by severity, instance or tag, analyzer and event.</p>
          </EmptyState>
        }
      >
        {(data) => <DataTable caption="Rules" columns={ruleColumns(channelName, canWrite)} rows={data.items} rowKey={(rule) => rule.id} />}
      </QueryState>
    </section>
  );
}

function ruleColumns(channelName: (id: string) => string, canWrite: boolean): Column<Rule>[] {
  return [
    {
      id: 'name',
      header: 'Name',
      rowHeader: true,
      cell: (rule) => (
        <>
          {rule.name}
          {!rule.enabled && <span className="badge badge-neutral">disabled</span>}
        </>
      ),
    },
    { id: 'channel', header: 'Channel', cell: (rule) => channelName(rule.channelId) },
    { id: 'severity', header: 'Severity', cell: (rule) => `${rule.minSeverity} or worse` },
    { id: 'scope', header: 'Scope', cell: (rule) => scopeWords(rule) ?? <span className="muted">everything</span> },
    { id: 'events', header: 'Events', cell: (rule) => rule.events.join(', ') },
    {
      id: 'actions',
      header: <span className="visually-hidden">Actions</span>,
      className: 'row-actions',
      cell: (rule) => (canWrite ? <RuleActions rule={rule} channel={channelName(rule.channelId)} /> : null),
    },
  ];
}

/** "2 instances; tags prod; 1 analyzer", or null when the rule takes every finding. */
function scopeWords(rule: Rule): string | null {
  const scope = [
    rule.instanceIds.length > 0 ? `${rule.instanceIds.length} instance${rule.instanceIds.length === 1 ? '' : 's'}` : null,
    rule.tags.length > 0 ? `tags ${rule.tags.join(', ')}` : null,
    rule.analyzerIds.length > 0 ? `${rule.analyzerIds.length} analyzer${rule.analyzerIds.length === 1 ? '' : 's'}` : null,
  ].filter(Boolean);
  return scope.length > 0 ? scope.join('; ') : null;
}

function RuleActions({ rule, channel }: { rule: Rule; channel: string }) {
  const remove = useDeleteRule();
  return (
    <>
      <Link to={paths.rule.to(rule.id)} className="button small">
        Edit
      </Link>
      <DeleteButton what="rule" name={rule.name} id={rule.id} remove={remove}>
        <p>Findings it matched are no longer sent to {channel}.</p>
      </DeleteButton>
    </>
  );
}
