import { CopyButton } from '@/components/ui/CopyButton';
import { killConnectionSql, killQuerySql } from '../lib/mysql-sessions';

/** Ready-to-copy statements to stop a session by hand: Inspector only reads the monitored server, so it never runs them. */
export function MysqlSessionActions({ id }: { id: number }) {
  return (
    <span className="session-actions">
      <span title={killQuerySql(id)}>
        <CopyButton text={killQuerySql(id)} label="Copy KILL QUERY" />
      </span>
      <span title={killConnectionSql(id)}>
        <CopyButton text={killConnectionSql(id)} label="Copy KILL" />
      </span>
    </span>
  );
}
