import { seriesBatchResponseSchema } from '@inspector/contracts';
import { describe, expect, it } from 'vitest';
import { seriesBatchAnswerSchema } from './series-schema';

const FROM = '2025-01-10T11:00:00.000Z';
const TO = '2025-01-10T12:00:00.000Z';

const batchWith = (points: unknown) => ({
  from: FROM,
  to: TO,
  items: [
    {
      metric: 'databases.xact_commit',
      from: FROM,
      to: TO,
      stepSeconds: 10,
      monitored: [[Date.parse(FROM), Date.parse(TO)]],
      series: [{ object: 'orders', points }],
    },
  ],
});

describe('the series answer the charts read', () => {
  it('reads a batch with gaps and ended objects exactly as the contract does', () => {
    const answer = batchWith([
      [Date.parse(FROM), 12.5],
      [Date.parse(FROM) + 10_000, 0],
      [Date.parse(FROM) + 20_000, null],
    ]);
    expect(seriesBatchAnswerSchema.parse(answer)).toEqual(seriesBatchResponseSchema.parse(answer));
  });

  it.each([
    ['a value that is not a number', [[Date.parse(FROM), '12']]],
    ['a point without its time', [[12.5]]],
    ['a point with a third member', [[Date.parse(FROM), 1, 2]]],
    ['a time that is null', [[null, 1]]],
    ['points that are not a list', { 0: [Date.parse(FROM), 1] }],
  ])('refuses %s, as the contract does', (_, points) => {
    const answer = batchWith(points);
    expect(seriesBatchResponseSchema.safeParse(answer).success).toBe(false);
    expect(seriesBatchAnswerSchema.safeParse(answer).success).toBe(false);
  });

  it('still checks everything around the points', () => {
    const answer = batchWith([[Date.parse(FROM), 1]]);
    expect(seriesBatchAnswerSchema.safeParse({ ...answer, items: [{ ...answer.items[0], stepSeconds: '10' }] }).success).toBe(false);
  });
});
