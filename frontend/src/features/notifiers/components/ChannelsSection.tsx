import { CHANNEL_DEFINITIONS, type Channel } from '@inspector/contracts';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { DataTable, type Column } from '@/components/ui/DataTable';
import { QueryState } from '@/components/ui/QueryState';
import { EmptyState } from '@/components/ui/States';
import { paths } from '@/config/paths';
import { useCan } from '@/lib/authorization';
import { useDeleteChannel } from '../api/delete-channel';
import { useChannels } from '../api/get-channels';
import { useTestChannel } from '../api/test-channel';
import { ChannelTargetSummary } from './ChannelTargetSummary';
import { DeleteButton } from './DeleteButton';

const TYPE_LABELS = CHANNEL_DEFINITIONS.map((definition) => definition.label).join(', ');

/** Where notifications go, with a test send per channel. */
export function ChannelsSection() {
  const channels = useChannels();
  const canWrite = useCan('notifiers:write');
  const columns = useMemo(() => channelColumns(canWrite), [canWrite]);
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
      <QueryState
        query={channels}
        loading="Loading channels…"
        errorTitle="Could not load channels"
        isEmpty={(data) => data.items.length === 0}
        empty={
          <EmptyState title="No channels yet">
            <p className="muted">A channel is where notifications go: {TYPE_LABELS}.</p>
          </EmptyState>
        }
      >
        {(data) => <DataTable caption="Channels" columns={columns} rows={data.items} rowKey={(channel) => channel.id} />}
      </QueryState>
    </section>
  );
}

function channelColumns(canWrite: boolean): Column<Channel>[] {
  return [
    {
      id: 'name',
      header: 'Name',
      rowHeader: true,
      cell: (channel) => (
        <>
          {channel.name}
          {!channel.enabled && <span className="badge badge-neutral">disabled</span>}
        </>
      ),
    },
    { id: 'type', header: 'Type', cell: (channel) => channel.target.type },
    { id: 'target', header: 'Target', className: 'target-cell', cell: (channel) => <ChannelTargetSummary channel={channel} /> },
    { id: 'limit', header: 'Limit', className: 'nowrap', cell: (channel) => `${channel.throttle.maxMessages} per ${channel.throttle.intervalMinutes} min` },
    {
      id: 'actions',
      header: <span className="visually-hidden">Actions</span>,
      className: 'row-actions',
      cell: (channel) => (canWrite ? <ChannelActions channel={channel} /> : null),
    },
  ];
}

/** Test, edit and delete one channel; each row keeps its own test result and confirmation. */
function ChannelActions({ channel }: { channel: Channel }) {
  const test = useTestChannel();
  const remove = useDeleteChannel();
  return (
    <>
      <button type="button" className="small" disabled={test.isPending} onClick={() => test.mutate(channel.id)}>
        {test.isPending ? 'Sending…' : 'Send test'}
      </button>
      <Link to={paths.channel.to(channel.id)} className="button small">
        Edit
      </Link>
      <DeleteButton what="channel" name={channel.name} id={channel.id} remove={remove}>
        <p>Its rules and its delivery log are deleted with it.</p>
      </DeleteButton>
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
    </>
  );
}
