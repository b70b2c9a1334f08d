import { DELIVERY_STATUSES, type DeliveryStatus } from '@inspector/contracts';
import { useSearchParams } from 'react-router';
import { Pagination } from '@/components/ui/Pagination';
import { QueryError } from '@/components/ui/QueryError';
import { EmptyState, Loading } from '@/components/ui/States';
import { StatusBadge, type StatusTone } from '@/components/ui/StatusBadge';
import { formatDateTime, formatRelative } from '@/lib/format';
import { useChannels } from '../api/get-channels';
import { useDeliveries } from '../api/get-deliveries';

const DELIVERY_TONES: Record<DeliveryStatus, StatusTone> = { sent: 'ok', pending: 'unknown', retrying: 'warn', failed: 'danger' };
const PAGE_SIZE = 25;

/** What was sent, or is still being tried, filtered by channel and status and paged newest first. */
export function DeliveriesSection() {
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
