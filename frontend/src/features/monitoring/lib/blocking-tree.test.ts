import { describe, expect, it } from 'vitest';
import { blockingForest, countBlocked, type BlockingNode } from './blocking-tree';

const session = (pid: number, blocking_pids: number[] = []) => ({ pid, blocking_pids });
const shape = (node: BlockingNode<unknown>): unknown => [node.pid, ...(node.cycle ? ['cycle'] : []), ...node.children.map(shape)];

describe('blockingForest', () => {
  it('builds chains from blocking pids: holders at the root, waiters below', () => {
    const forest = blockingForest([session(1), session(2, [1]), session(3, [2]), session(4), session(5, [4])]);
    expect(forest.map(shape)).toEqual([
      [1, [2, [3]]],
      [4, [5]],
    ]);
    expect(countBlocked(forest[0]!)).toBe(2);
  });

  it('puts the tree that blocks most first and leaves sessions that block nobody out', () => {
    const forest = blockingForest([session(9), session(10, [9]), session(20), session(21, [20]), session(22, [20]), session(30)]);
    expect(forest.map((root) => root.pid)).toEqual([20, 9]);
  });

  it('shows a waiter under each of its blockers', () => {
    const forest = blockingForest([session(1), session(2), session(3, [1, 2])]);
    expect(forest.map(shape)).toEqual([
      [1, [3]],
      [2, [3]],
    ]);
  });

  it('keeps a blocker that is not in the snapshot as a placeholder', () => {
    const [root] = blockingForest([session(7, [99])]);
    expect(root!.pid).toBe(99);
    expect(root!.session).toBeNull();
    expect(root!.children.map((child) => child.pid)).toEqual([7]);
  });

  it('cuts a lock cycle instead of recursing forever', () => {
    const forest = blockingForest([session(1, [2]), session(2, [1])]);
    expect(forest.map(shape)).toEqual([[1, [2, [1, 'cycle']]]]);
  });
});
