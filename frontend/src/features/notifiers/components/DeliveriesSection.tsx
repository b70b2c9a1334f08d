import { DELIVERY_STATUSES, type Delivery, type DeliveryStatus } from '@inspector/contracts';
import { useSearchParams } from 'react-router';
import { DataTable, type Column } from '@/components/ui/DataTable';
import { QueryState } from '@/components/ui/QueryState';
import { EmptyState } from '@/components/ui/States';
import { StatusBadge, type StatusTone } from '@/components/ui/StatusBadge';
import { formatDateTime, formatRelative } from '@/lib/format';
import { useChannels } from '../api/get-channels';
import { useDeliveries } from '../api/get-deliveries';

const DELIVERY_TONES: Record<DeliveryStatus, StatusTone> = { sent: 'ok', pending: 'unknown', retrying: 'warn', failed: 'danger' };
const PAGE_SIZE = 25;

const DELIVERY_COLUMNS: readonly Column<Delivery>[] = [
  {
    id: 'created',
    header: 'Created',
    className: 'nowrap',
    cell: (delivery) => (
      <>
        <time dateTime={delivery.createdAt}>{formatDateTime(delivery.createdAt)}</time>
        <div className="muted">{formatRelative(delivery.createdAt)}</div>
      </>
    ),
  },
  { id: 'channel', header: 'Channel', cell: (delivery) => delivery.channelName },
  {
    id: 'status',
    header: 'Status',
    cell: (delivery) => (
      <>
        <StatusBadge tone={DELIVERY_TONES[delivery.status]}>{delivery.status}</StatusBadge>
        {delivery.kind === 'test' && <span className="badge badge-neutral">test</span>}
        {delivery.nextAttemptAt && delivery.status === 'retrying' && (
          <div className="muted">
            next <time dateTime={delivery.nextAttemptAt}>{formatRelative(delivery.nextAttemptAt)}</time>
          </div>
        )}
      </>
    ),
  },
  { id: 'message', header: 'Message', cell: (delivery) => delivery.summary },
  { id: 'attempts', header: 'Attempts', align: 'end', cell: (delivery) => delivery.attempts },
  { id: 'error', header: 'Last error', className: 'error-cell', cell: (delivery) => delivery.lastError ?? <span className="muted">–</span> },
];

/** What was sent, or is still being tried, filtered by channel and status and paged newest first. */
export function DeliveriesSection() {
  const [params, setParams] = useSearchParams();
  const channels = useChannels();
  const channel = params.get('channel') ?? '';
  const rawStatus = params.get('status');
  const status = DELIVERY_STATUSES.find((known) => known === rawStatus);
  const offset = Math.max(0, Number(params.get('offset')) || 0);
  const deliveries = useDeliveries({ channel: channel || undefined, status, limit: PAGE_SIZE, offset });
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
      <QueryState query={deliveries} loading="Loading deliveries…" errorTitle="Could not load the delivery log">
        {(data) => (
          <DataTable
            caption="Deliveries, newest first"
            columns={DELIVERY_COLUMNS}
            rows={data.items}
            rowKey={(delivery) => delivery.id}
            busy={deliveries.isPlaceholderData}
            empty={<EmptyState title={channel || status ? 'No delivery matches these filters' : 'Nothing sent yet'} />}
            pages={{
              offset,
              limit: PAGE_SIZE,
              total: data.total,
              onOffset: (next) => apply({ offset: next ? String(next) : '' }),
              label: 'Delivery pages',
              previousLabel: '← Newer',
              nextLabel: 'Older →',
            }}
          />
        )}
      </QueryState>
    </section>
  );
}
