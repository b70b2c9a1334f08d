import { formatDateTime, formatRelative } from '@/lib/format';

/** When the rows on screen were read from the server. */
export function SnapshotAge({ at }: { at: string }) {
  return (
    <p className="muted snapshot-age">
      As of <time dateTime={at}>{formatDateTime(at)}</time> ({formatRelative(at)})
    </p>
  );
}
