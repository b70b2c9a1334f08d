import { seriesBatchResponseSchema, seriesResponseSchema } from '@inspector/contracts';
import { z } from 'zod';

const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** `[epoch milliseconds, value]`, the value a number or `null`: what the contract's point tuple accepts. */
const isPoint = (point: unknown) => Array.isArray(point) && point.length === 2 && isFiniteNumber(point[0]) && (point[1] === null || isFiniteNumber(point[1]));

/**
 * A series' points, checked as the contract's tuples are but in one pass: a chart page receives thousands of them,
 * and a schema run per tuple and per number cost the overview a noticeable share of its first draw.
 */
const points = z.custom<[number, number | null][]>((value) => Array.isArray(value) && value.every(isPoint), 'expected [epoch ms, number or null] pairs');

/** The contract's series answer, with its points checked in one pass. */
export const seriesAnswerSchema = seriesResponseSchema.extend({
  series: z.array(seriesResponseSchema.shape.series.element.extend({ points })),
}) satisfies z.ZodType<z.infer<typeof seriesResponseSchema>>;

/** The contract's batch answer, with each series' points checked in one pass. */
export const seriesBatchAnswerSchema = seriesBatchResponseSchema.extend({
  items: z.array(seriesAnswerSchema),
}) satisfies z.ZodType<z.infer<typeof seriesBatchResponseSchema>>;
