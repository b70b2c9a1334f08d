import { CHANNEL_DEFINITIONS, type Channel } from '@inspector/contracts';
import { useState } from 'react';
import { Link } from 'react-router';
import { ConfirmDialog } from '@/components/ui/ConfirmDialog';
import { QueryError } from '@/components/ui/QueryError';
import { EmptyState, Loading } from '@/components/ui/States';
import { paths } from '@/config/paths';
import { useCan } from '@/lib/authorization';
import { useDeleteChannel } from '../api/delete-channel';
import { useChannels } from '../api/get-channels';
import { useTestChannel } from '../api/test-channel';
import { ChannelTargetSummary } from './ChannelTargetSummary';

const TYPE_LABELS = CHANNEL_DEFINITIONS.map((definition) => definition.label).join(', ');

/** Where notifications go, with a test send per channel. */
export function ChannelsSection() {
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
          <p className="muted">A channel is where notifications go: {TYPE_LABELS}.</p>
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
      <td className="target-cell">
        <ChannelTargetSummary channel={channel} />
      </td>
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
