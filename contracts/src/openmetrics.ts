import { z } from 'zod';

/** A collector id as the registry spells it (`databases`, `activity`...; a plugin's `plugin.<plugin>.<collector>`). */
const collectorIdSchema = z.string().regex(/^(?:plugin\.[a-z][a-z0-9-]{1,62}\.)?[a-z][a-z0-9_]{0,62}$/, 'a collector id');

/**
 * What a scrape asks for. `collector` is repeatable (`?collector=databases&collector=activity`), as a Prometheus job's
 * `params` sends it: a job can leave out the per-table and per-statement series, which run to thousands per instance.
 */
export const openMetricsQuerySchema = z.strictObject({
  collector: z.preprocess((value) => (typeof value === 'string' ? [value] : value), z.array(collectorIdSchema).min(1).max(64)).optional(),
});

export type OpenMetricsQuery = z.infer<typeof openMetricsQuerySchema>;
