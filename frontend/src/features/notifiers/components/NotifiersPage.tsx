import { DELIVERY_STATUSES, type Channel, type DeliveryStatus, type Rule } from '@inspector/contracts';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ConfirmDialog } from '@/components/ui/ConfirmDialog';
import { Pagination } from '@/components/ui/Pagination';
import { QueryError } from '@/components/ui/QueryError';
import { EmptyState, Loading } from '@/components/ui/States';
import { StatusBadge, type StatusTone } from '@/components/ui/StatusBadge';
import { SecretSummary } from '@/components/ui/SecretFields';
import { paths } from '@/config/paths';
import { useCan } from '@/lib/authorization';
import { formatDateTime, formatRelative } from '@/lib/format';
import { useDeleteChannel } from '../api/delete-channel';
import { useDeleteRule } from '../api/delete-rule';
import { useChannels } from '../api/get-channels';
import { useDeliveries } from '../api/get-deliveries';
import { useRules } from '../api/get-rules';
import { useTestChannel } from '../api/test-channel';

/** Channels (where), rules (what), and the delivery log (what happened). */
export function NotifiersPage() {
  return (
    <>
      <title>Notifiers · Inspector</title>
      <header className="page-header">
        <h1>Notifiers</h1>
        <p className="muted">Findings are sent to channels by rules; every message is logged with its attempts.</p>
      </header>
      <ChannelsSection />
      <RulesSection />
      <DeliveriesSection />
    </>
  );
}

function targetSummary(channel: Channel) {
  const target = channel.target;
  switch (target.type) {
    case 'webhook':
      return (
        <>
          <code className="url">{target.url}</code>
          <div className="muted">
            signing secret: <SecretSummary secret={target.secret} />
          </div>
        </>
      );
    case 'slack':
      return (
        <>
          Slack webhook: <SecretSummary secret={target.url} />
        </>
      );
    case 'email':
      return (
        <>
          {target.to.join(', ')}
          <div className="muted">
            via {target.host}:{target.port} ({target.tls})
            {target.password && (
              <>
                {' '}
                · password: <SecretSummary secret={target.password} />
              </>
            )}
          </div>
        </>
      );
    case 'log':
      return <span className="muted">Inspector’s server log</span>;
  }
}

function ChannelsSection() {
  const { data, error, isFetching, refetch } = useChannels();
  const canWrite = useCan('notifiers:write');
  return (
    <section aria-labelledby="notifiers-channels">
      <div className="section-head">
        <h2 id="notifiers-channels">Channels</h2>
        {canWrite && (
          <Link to={paths.newChannel.path} className="button primary">
            Add channel
          </Link>
        )}
      </div>
      {!data ? (
        error ? (
          <QueryError title="Could not load channels" error={error} onRetry={() => void refetch()} retrying={isFetching} />
        ) : (
          <Loading>Loading channels…</Loading>
        )
      ) : data.items.length === 0 ? (
        <EmptyState title="No channels yet">
          <p className="muted">A channel is where notifications go: a webhook, Slack, email, or Inspector’s log.</p>
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Channels</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Type</th>
                <th scope="col">Target</th>
                <th scope="col">Limit</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((channel) => (
                <ChannelRow key={channel.id} channel={channel} canWrite={canWrite} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function ChannelRow({ channel, canWrite }: { channel: Channel; canWrite: boolean }) {
  const test = useTestChannel();
  const remove = useDeleteChannel();
  const [confirming, setConfirming] = useState(false);
  return (
    <tr>
      <th scope="row">
        {channel.name}
        {!channel.enabled && <span className="badge badge-neutral">disabled</span>}
      </th>
      <td>{channel.target.type}</td>
      <td className="target-cell">{targetSummary(channel)}</td>
      <td className="nowrap">
        {channel.throttle.maxMessages} per {channel.throttle.intervalMinutes} min
      </td>
      <td className="row-actions">
        {canWrite && (
          <>
            <button type="button" className="small" disabled={test.isPending} onClick={() => test.mutate(channel.id)}>
              {test.isPending ? 'Sending…' : 'Send test'}
            </button>
            <Link to={paths.channel.to(channel.id)} className="button small">
              Edit
            </Link>
            <button type="button" className="small danger" onClick={() => setConfirming(true)}>
              Delete
            </button>
            <ConfirmDialog
              open={confirming}
              title={`Delete ${channel.name}?`}
              confirmLabel="Delete channel"
              busyLabel="Deleting…"
              busy={remove.isPending}
              onCancel={() => setConfirming(false)}
              onConfirm={() => remove.mutate(channel.id, { onSuccess: () => setConfirming(false) })}
            >
              <p>Its rules and its delivery log are deleted with it.</p>
              {remove.error && <p className="field-error">{remove.error.message}</p>}
            </ConfirmDialog>
          </>
        )}
        {test.data && (
          <p role="status" className={test.data.ok ? 'test-result ok' : 'test-result field-error'}>
            {test.data.ok ? 'Test delivered' : `Test failed: ${test.data.error ?? 'unknown error'}`}
          </p>
        )}
        {test.error && (
          <p role="alert" className="test-result field-error">
            {test.error.message}
          </p>
        )}
      </td>
    </tr>
  );
}

function RulesSection() {
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

const DELIVERY_TONES: Record<DeliveryStatus, StatusTone> = { sent: 'ok', pending: 'unknown', retrying: 'warn', failed: 'danger' };
const PAGE_SIZE = 25;

function DeliveriesSection() {
  const [params, setParams] = useSearchParams();
  const channels = useChannels();
  const channel = params.get('channel') ?? '';
  const rawStatus = params.get('status');
  const status = DELIVERY_STATUSES.find((known) => known === rawStatus);
  const offset = Math.max(0, Number(params.get('offset')) || 0);
  const { data, error, isFetching, isPlaceholderData, refetch } = useDeliveries({ channel: channel || undefined, status, limit: PAGE_SIZE, offset });
  const apply = (changes: Record<string, string>) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      next.delete('offset');
      for (const [name, value] of Object.entries(changes)) {
        if (value) next.set(name, value);
        else next.delete(name);
      }
      return next;
    });

  return (
    <section aria-labelledby="notifiers-deliveries">
      <h2 id="notifiers-deliveries">Delivery log</h2>
      <div className="toolbar">
        <div className="field field-inline">
          <label htmlFor="deliveries-channel">Channel</label>
          <select id="deliveries-channel" value={channel} onChange={(event) => apply({ channel: event.target.value })}>
            <option value="">Any channel</option>
            {channels.data?.items.map((item) => (
              <option key={item.id} value={item.id}>
                {item.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field field-inline">
          <label htmlFor="deliveries-status">Status</label>
          <select id="deliveries-status" value={status ?? ''} onChange={(event) => apply({ status: event.target.value })}>
            <option value="">Any status</option>
            {DELIVERY_STATUSES.map((known) => (
              <option key={known} value={known}>
                {known}
              </option>
            ))}
          </select>
        </div>
      </div>
      {!data ? (
        error ? (
          <QueryError title="Could not load the delivery log" error={error} onRetry={() => void refetch()} retrying={isFetching} />
        ) : (
          <Loading>Loading deliveries…</Loading>
        )
      ) : data.items.length === 0 ? (
        <EmptyState title={channel || status ? 'No delivery matches these filters' : 'Nothing sent yet'} />
      ) : (
        <>
          <div className="table-wrap" aria-busy={isPlaceholderData}>
            <table className="table">
              <caption className="visually-hidden">Deliveries, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Created</th>
                  <th scope="col">Channel</th>
                  <th scope="col">Status</th>
                  <th scope="col">Message</th>
                  <th scope="col" className="number">
                    Attempts
                  </th>
                  <th scope="col">Last error</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((delivery) => (
                  <tr key={delivery.id}>
                    <td className="nowrap">
                      <time dateTime={delivery.createdAt}>{formatDateTime(delivery.createdAt)}</time>
                      <div className="muted">{formatRelative(delivery.createdAt)}</div>
                    </td>
                    <td>{delivery.channelName}</td>
                    <td>
                      <StatusBadge tone={DELIVERY_TONES[delivery.status]}>{delivery.status}</StatusBadge>
                      {delivery.kind === 'test' && <span className="badge badge-neutral">test</span>}
                      {delivery.nextAttemptAt && delivery.status === 'retrying' && (
                        <div className="muted">
                          next <time dateTime={delivery.nextAttemptAt}>{formatRelative(delivery.nextAttemptAt)}</time>
                        </div>
                      )}
                    </td>
                    <td>{delivery.summary}</td>
                    <td className="number">{delivery.attempts}</td>
                    <td className="error-cell">{delivery.lastError ?? <span className="muted">–</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination
            offset={offset}
            limit={PAGE_SIZE}
            total={data.total}
            onOffset={(next) => apply({ offset: next ? String(next) : '' })}
            label="Delivery pages"
            previousLabel="← Newer"
            nextLabel="Older →"
          />
        </>
      )}
    </section>
  );
}
