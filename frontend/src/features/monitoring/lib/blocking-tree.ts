type Blockable = { pid: number; blocking_pids: readonly number[] };

export type BlockingNode<T> = {
  pid: number;
  /** null: the blocker is not in the snapshot (another role's backend hidden from us, or already gone). */
  session: T | null;
  children: BlockingNode<T>[];
  /** Already on the path above: a lock cycle, cut here (PostgreSQL resolves it after deadlock_timeout). */
  cycle: boolean;
};

/**
 * Who blocks whom, as trees: each root holds locks others wait for and waits for nobody; its children wait for
 * it. A session waiting on two blockers appears under both. Pure cycles (every member waits) get their lowest pid
 * as root. Trees blocking the most sessions come first.
 */
export function blockingForest<T extends Blockable>(sessions: readonly T[]): BlockingNode<T>[] {
  const byPid = new Map(sessions.map((session) => [session.pid, session]));
  const waiters = new Map<number, T[]>();
  for (const session of sessions) {
    for (const blocker of new Set(session.blocking_pids)) {
      const list = waiters.get(blocker) ?? [];
      list.push(session);
      waiters.set(blocker, list);
    }
  }
  const visited = new Set<number>();
  const build = (pid: number, path: ReadonlySet<number>): BlockingNode<T> => {
    visited.add(pid);
    if (path.has(pid)) return { pid, session: byPid.get(pid) ?? null, children: [], cycle: true };
    const below = new Set(path).add(pid);
    const children = (waiters.get(pid) ?? []).sort((a, b) => a.pid - b.pid).map((waiter) => build(waiter.pid, below));
    return { pid, session: byPid.get(pid) ?? null, children, cycle: false };
  };

  const isWaiting = (pid: number) => (byPid.get(pid)?.blocking_pids.length ?? 0) > 0;
  const roots = [...waiters.keys()]
    .filter((pid) => !isWaiting(pid))
    .sort((a, b) => a - b)
    .map((pid) => build(pid, new Set()));
  for (const pid of [...waiters.keys()].sort((a, b) => a - b)) {
    if (!visited.has(pid)) roots.push(build(pid, new Set()));
  }
  return roots.sort((a, b) => countBlocked(b) - countBlocked(a) || a.pid - b.pid);
}

/** Distinct sessions waiting below a node, directly or not. */
export function countBlocked<T>(node: BlockingNode<T>): number {
  const seen = new Set<number>();
  const walk = (current: BlockingNode<T>) => {
    for (const child of current.children) {
      if (seen.has(child.pid) || child.cycle) continue;
      seen.add(child.pid);
      walk(child);
    }
  };
  walk(node);
  seen.delete(node.pid);
  return seen.size;
}
