import { describe, expect, it } from 'vitest';
import { connectionsTone, connectionsWords, sinceWords, tagsOf, xidTone, xidWords } from './fleet-format';

describe('fleet board wording', () => {
  it('says how full the connection slots are, warning from 80 % and alarming from 95 %', () => {
    expect(connectionsWords({ used: 42, max: 100 })).toBe('42 / 100 (42 %)');
    expect(connectionsWords(null)).toBe('–');
    expect([connectionsTone({ used: 79, max: 100 }), connectionsTone({ used: 80, max: 100 }), connectionsTone({ used: 95, max: 100 })]).toEqual([
      null,
      'warn',
      'danger',
    ]);
  });

  it('puts the transaction-ID age against wraparound, warning from 500 M and alarming from 1.2 G', () => {
    expect(xidWords(214_748_365)).toBe('214.7M (10 %)');
    expect([xidTone(499_999_999), xidTone(500_000_000), xidTone(1_200_000_000), xidTone(null)]).toEqual([null, 'warn', 'danger', null]);
  });

  it('tells when the instance was last collected, and never when it was not', () => {
    const now = Date.parse('2026-12-02T12:00:00Z');
    expect(sinceWords('2026-12-02T11:56:00Z', now)).toBe('4 minutes ago');
    expect(sinceWords(null, now)).toBe('never');
  });

  it('offers each tag once, sorted', () => {
    const line = (tags: string[]) => ({ tags }) as Parameters<typeof tagsOf>[0][number];
    expect(tagsOf([line(['prod', 'eu']), line(['prod', 'us'])])).toEqual(['eu', 'prod', 'us']);
  });
});
