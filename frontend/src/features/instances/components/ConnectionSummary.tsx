import type { SecretDescription } from '@inspector/contracts';
import { StatusBadge } from '@/components/ui/StatusBadge';
import { connectionSourceLabel } from './connection';

/** Where the connection URL lives and whether it can be used; never the value. */
export function ConnectionSummary({ connection }: { connection: SecretDescription }) {
  return (
    <span className="connection-summary">
      {connection.error ? (
        <StatusBadge tone="danger">Error</StatusBadge>
      ) : connection.set ? (
        <StatusBadge tone="ok">Set</StatusBadge>
      ) : (
        <StatusBadge tone="danger">Not set</StatusBadge>
      )}
      <span>
        {connection.source === 'env' ? (
          <>
            Environment variable <code>{connection.env}</code>
          </>
        ) : (
          connectionSourceLabel(connection)
        )}
      </span>
      {connection.error && <span className="connection-error">{connection.error}</span>}
      {!connection.set && !connection.error && connection.source === 'memory' && <span className="muted">lost at the last restart: enter it again</span>}
    </span>
  );
}
