import { StatusBadge } from '@/components/ui/StatusBadge';
import { formatDuration } from '@/lib/format';
import type { ActivityRow } from '../api/get-activity';
import { countBlocked, type BlockingNode } from '../lib/blocking-tree';
import { describeLockWait } from '../lib/lock-wait';
import { SessionActions } from './SessionActions';

/** Lock waits as nested lists: the holder first, those waiting for it indented below. */
export function BlockingTree({ roots }: { roots: readonly BlockingNode<ActivityRow>[] }) {
  return (
    <ul className="blocking-tree" aria-label="Blocking chains">
      {roots.map((root) => (
        <BlockingItem key={root.pid} node={root} root />
      ))}
    </ul>
  );
}

function BlockingItem({ node, root = false }: { node: BlockingNode<ActivityRow>; root?: boolean }) {
  const session = node.session;
  const blocked = countBlocked(node);
  return (
    <li>
      <div className="blocking-node">
        <strong>pid {node.pid}</strong>
        {root && <StatusBadge tone="danger">{`blocks ${blocked}`}</StatusBadge>}
        {node.cycle && <StatusBadge tone="danger">lock cycle</StatusBadge>}
        {session ? (
          <>
            <span className="muted">
              {session.usename ?? '?'}@{session.datname ?? '?'} · {session.state ?? 'unknown state'}
              {session.xact_seconds !== null && ` · transaction ${formatDuration(session.xact_seconds)}`}
              {waitsOn(session)}
            </span>
            {session.query && <code className="query-snippet">{session.query}</code>}
            <SessionActions pid={node.pid} />
          </>
        ) : (
          <span className="muted">not visible in the snapshot</span>
        )}
      </div>
      {node.children.length > 0 && !node.cycle && (
        <ul>
          {node.children.map((child) => (
            <BlockingItem key={child.pid} node={child} />
          ))}
        </ul>
      )}
    </li>
  );
}

function waitsOn(session: ActivityRow): string {
  const lock = describeLockWait(session);
  if (lock) return ` · waits for ${lock}${session.lock_wait_seconds === null ? '' : ` for ${formatDuration(session.lock_wait_seconds)}`}`;
  return session.wait_event_type ? ` · waits on ${session.wait_event_type}${session.wait_event ? `: ${session.wait_event}` : ''}` : '';
}
