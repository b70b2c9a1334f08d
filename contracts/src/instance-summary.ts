import { z } from 'zod';

/**
 * How a figure stands against the thresholds the analyzers apply on this instance: `unknown` when it was never
 * collected, `ok` below every threshold, then info, warning and critical as a finding would be.
 */
export const STAT_STATES = ['unknown', 'ok', 'info', 'warning', 'critical'] as const;
export const statStateSchema = z.enum(STAT_STATES);

const statSchema = z.object({ value: z.number().nullable(), state: statStateSchema });

/** One instance at a glance, as last collected: the overview's stat strip. */
export const instanceSummaryResponseSchema = z.object({
  instanceId: z.string(),
  generatedAt: z.iso.datetime(),
  /** The end of the latest successful collector run; null when nothing was ever collected. */
  lastCollectedAt: z.iso.datetime().nullable(),
  /** As the server reports it, e.g. "16.4 (Debian 16.4-1.pgdg120+1)". */
  serverVersion: z.string().nullable(),
  /** When the postmaster started; uptime counts from here. */
  startedAt: z.iso.datetime().nullable(),
  /** Seconds since `startedAt` at `generatedAt`; info when the server restarted within the last hour. */
  uptimeSeconds: statSchema,
  /** Client sessions against max_connections; the state follows the connection-saturation analyzer's ratios. */
  connections: z.object({ used: z.number().nullable(), max: z.number().nullable(), state: statStateSchema }),
  activeSessions: statSchema,
  /** Sessions waiting for another session's lock. */
  blockedSessions: statSchema,
  /** Age of the oldest open transaction, in seconds. */
  oldestTransactionSeconds: statSchema,
  /** The oldest database's transaction-ID age (wraparound comes at 2^31), and which database that is. */
  xidAge: statSchema.extend({ database: z.string().nullable() }),
  /** How long the longest active query has been running, in seconds. */
  longestQuerySeconds: statSchema,
  /** Share of block reads served from shared buffers over every database at the last measured rates, 0 to 1. */
  cacheHitRatio: statSchema,
  /** The databases the databases collector reports, by name: what the overview's charts can be narrowed to. */
  databases: z.array(z.string()),
});

export type StatState = z.infer<typeof statStateSchema>;
export type InstanceSummaryResponse = z.infer<typeof instanceSummaryResponseSchema>;
