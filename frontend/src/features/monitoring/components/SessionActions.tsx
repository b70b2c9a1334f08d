import { CopyButton } from '@/components/ui/CopyButton';
import { cancelSql, terminateSql } from '../lib/lock-wait';

/** Ready-to-copy SQL to stop a session by hand: Inspector only reads the monitored database, so it never runs them. */
export function SessionActions({ pid }: { pid: number }) {
  return (
    <span className="session-actions">
      <span title={cancelSql(pid)}>
        <CopyButton text={cancelSql(pid)} label="Copy cancel SQL" />
      </span>
      <span title={terminateSql(pid)}>
        <CopyButton text={terminateSql(pid)} label="Copy terminate SQL" />
      </span>
    </span>
  );
}
