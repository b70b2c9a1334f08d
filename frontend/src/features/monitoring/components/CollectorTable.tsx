import type { CollectorStatus } from '@inspector/contracts';
import { formatDateTime, formatDuration, formatInteger, formatMilliseconds, formatRelative } from '@/lib/format';
import { CollectorStateBadge } from './InstanceStatusBadge';

/** Each collector's last run: when, how long, how much, and what went wrong. */
export function CollectorTable({ collectors }: { collectors: readonly CollectorStatus[] }) {
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">Collectors of this instance</caption>
        <thead>
          <tr>
            <th scope="col">Collector</th>
            <th scope="col">Status</th>
            <th scope="col">Last run</th>
            <th scope="col" className="number">
              Duration
            </th>
            <th scope="col" className="number">
              Rows
            </th>
            <th scope="col">Every</th>
            <th scope="col">Error</th>
          </tr>
        </thead>
        <tbody>
          {collectors.map((collector) => (
            <tr key={collector.collectorId}>
              <th scope="row">
                {collector.title}
                <div className="muted id">{collector.collectorId}</div>
              </th>
              <td>
                <CollectorStateBadge status={collector.status} />
                {collector.consecutiveFailures > 1 && <div className="muted">{collector.consecutiveFailures} failures in a row</div>}
              </td>
              <td className="nowrap">
                {collector.lastRunAt ? (
                  <>
                    <time dateTime={collector.lastRunAt}>{formatDateTime(collector.lastRunAt)}</time>
                    <div className="muted">{formatRelative(collector.lastRunAt)}</div>
                  </>
                ) : (
                  <span className="muted">–</span>
                )}
              </td>
              <td className="number">{collector.durationMs === null ? '–' : formatMilliseconds(collector.durationMs)}</td>
              <td className="number">{collector.rows === null ? '–' : formatInteger(collector.rows)}</td>
              <td className="nowrap">{formatDuration(collector.intervalSeconds)}</td>
              <td className="error-cell">{collector.error ?? <span className="muted">–</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
