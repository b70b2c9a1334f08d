import { FINDING_SEVERITIES } from '@inspector/contracts';
import { Link } from 'react-router';
import { paths } from '@/config/paths';
import { formatDateTime } from '@/lib/format';
import type { FindingEvent } from '../lib/finding-markers';

/** The newest events listed; the rest are a link away. */
const SHOWN = 8;

/** Where a finding is on its instance's findings page: any status, its analyzer's findings, scrolled to its card. */
const findingLink = (instanceId: string, event: FindingEvent) =>
  `${paths.instanceFindings.to(instanceId)}?${new URLSearchParams({ status: '', analyzer: event.analyzerId }).toString()}#finding-${event.findingId}`;

/** The findings opened or resolved in the charts' window, newest first: what the lines across the charts stand for. */
export function FindingEvents({ instanceId, events }: { instanceId: string; events: readonly FindingEvent[] }) {
  // An analysis opens several findings at once: the most severe of them first.
  const newest = [...events].sort((a, b) => b.atMs - a.atMs || FINDING_SEVERITIES.indexOf(a.severity) - FINDING_SEVERITIES.indexOf(b.severity)).slice(0, SHOWN);
  return (
    <section className="chart-findings" aria-labelledby="chart-findings-title">
      <h3 id="chart-findings-title" className="chart-title">
        Findings in this range
      </h3>
      {events.length === 0 ? (
        <p className="muted">No finding was opened or resolved in this range.</p>
      ) : (
        <ul className="chart-findings-list">
          {newest.map((event) => (
            <li key={`${event.findingId}-${event.change}`}>
              <span className={`chart-finding-swatch chart-finding-${event.severity} chart-finding-${event.change}`} aria-hidden="true" />
              <time dateTime={new Date(event.atMs).toISOString()}>{formatDateTime(new Date(event.atMs).toISOString())}</time>{' '}
              <span className="muted">
                {event.severity} {event.change}:
              </span>{' '}
              <Link to={findingLink(instanceId, event)}>{event.title}</Link>
            </li>
          ))}
        </ul>
      )}
      {events.length > SHOWN && (
        <p className="muted">
          {events.length - SHOWN} more: <Link to={`${paths.instanceFindings.to(instanceId)}?status=&sort=lastSeen`}>all findings by last seen</Link>
        </p>
      )}
    </section>
  );
}
