/** An even share of the instances per live replica, rounded up so that every instance can have a holder. */
export function fairShare(instances: number, liveReplicas: number): number {
  return Math.ceil(instances / Math.max(1, liveReplicas));
}

/**
 * What one heartbeat changes for a replica holding `held` instances: claim free ones up to its share, or hand back
 * one above it. One step per heartbeat and never both ways, so replicas joining or leaving settle without thrashing:
 * an instance handed back goes to a replica below its share, which will not hand it back.
 */
export function rebalanceStep(held: number, instances: number, liveReplicas: number): { claim: number; release: number } {
  const share = fairShare(instances, liveReplicas);
  if (held > share) return { claim: 0, release: 1 };
  return { claim: share - held, release: 0 };
}
