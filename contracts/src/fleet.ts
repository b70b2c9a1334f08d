import { z } from 'zod';

/**
 * up: collecting; degraded: some collectors fail; stale: nothing collected for longer than monitoring allows;
 * down: the server cannot be reached; unknown: nothing collected yet.
 */
export const FLEET_STATES = ['down', 'stale', 'degraded', 'unknown', 'up'] as const;
export const fleetStateSchema = z.enum(FLEET_STATES);

export const fleetQuerySchema = z.strictObject({ tag: z.string().min(1).max(64).optional() });

export const fleetInstanceSchema = z.object({
  instanceId: z.string(),
  name: z.string(),
  tags: z.array(z.string()),
  state: fleetStateSchema,
  /** The end of the latest successful collector run; null when nothing was ever collected. */
  lastCollectedAt: z.iso.datetime().nullable(),
  lastError: z.string().nullable(),
  /** Findings not resolved (open, acknowledged or snoozed), by severity; null for a user who may not read them. */
  findings: z.object({ critical: z.number().int(), warning: z.number().int(), info: z.number().int() }).nullable(),
  /** Client connections and the server's max_connections; null until both are known. */
  connections: z.object({ used: z.number(), max: z.number() }).nullable(),
  /** Commits and rollbacks per second over every database, as last measured. */
  transactionsPerSecond: z.number().nullable(),
  longestTransactionSeconds: z.number().nullable(),
  /** The largest standby replay lag on a primary, or the replay delay of a standby. */
  replicationLagSeconds: z.number().nullable(),
  /** The oldest database's transaction-ID age (wraparound comes at 2^31). */
  xidAge: z.number().nullable(),
});

/** Worst first: down, stale, critical findings, degraded, warnings, unknown, then healthy; by name within each. */
export const fleetResponseSchema = z.object({ generatedAt: z.iso.datetime(), items: z.array(fleetInstanceSchema) });

export type FleetState = z.infer<typeof fleetStateSchema>;
export type FleetQuery = z.infer<typeof fleetQuerySchema>;
export type FleetInstance = z.infer<typeof fleetInstanceSchema>;
export type FleetResponse = z.infer<typeof fleetResponseSchema>;
