/** An even share of the instances per live replica, rounded up so that every instance can have a holder. */
export function fairShare(instances: number, liveReplicas: number): number {
  return Math.ceil(instances / Math.max(1, liveReplicas));
}

/** At most this share of a replica's fair share is handed back per heartbeat: few connections close at once. */
const RELEASE_PER_BEAT = 0.1;

/**
 * What one heartbeat changes for a replica holding `held` instances: claim free ones up to its share, or hand back
 * some above it (a tenth of the share per heartbeat, at least one: 46 too many of a share of 100 settle in 5
 * heartbeats, not 46). One step per heartbeat and never both ways, so replicas joining or leaving settle without
 * thrashing: an instance handed back goes to a replica below its share, which will not hand it back.
 */
export function rebalanceStep(held: number, instances: number, liveReplicas: number): { claim: number; release: number } {
  const share = fairShare(instances, liveReplicas);
  if (held > share) return { claim: 0, release: Math.min(held - share, Math.max(1, Math.ceil(share * RELEASE_PER_BEAT))) };
  return { claim: share - held, release: 0 };
}
