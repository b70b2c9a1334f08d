import { describe, expect, it } from 'vitest';
import { formatDateTime } from '@/lib/format';
import { evidenceFields, evidenceLabel, formatEvidenceValue } from './evidence';

describe('evidenceLabel', () => {
  it.each([
    ['indexSizeBytes', 'Index size'],
    ['totalTimeMs', 'Total time'],
    ['querySeconds', 'Query time'],
    ['replayLagSeconds', 'Replay lag'],
    ['secondsLeft', 'Time left'],
    ['cacheHitRatio', 'Cache hit ratio'],
    ['shareOfTotal', 'Share of total'],
    ['walBytesPerSecond', 'WAL rate'],
    ['frozenXidAge', 'Frozen XID age'],
    ['clientAddr', 'Client address'],
    ['calls', 'Calls'],
  ])('labels %s as %s', (key, label) => {
    expect(evidenceLabel(key)).toBe(label);
  });
});

describe('formatEvidenceValue', () => {
  it.each([
    ['querySeconds', 548.2, '9 min 8 s'],
    ['idleSeconds', 7_260, '2 h 1 min'],
    ['secondsLeft', 3 * 86_400 + 4 * 3_600, '3 d 4 h'],
    ['replayLagSeconds', 2.54, '2.5 s'],
    ['meanTimeMs', 2.834, '2.83 ms'],
    ['meanTimeMs', 3_400, '3.4 s'],
    ['totalTimeMs', 548_200, '9 min 8 s'],
    ['indexSizeBytes', 12_582_912, '12.0 MiB'],
    ['retainedWalBytes', 5 * 1024 ** 3, '5.00 GiB'],
    ['minIndexSizeMb', 1_536, '1.50 GiB'],
    ['walBytesPerSecond', 1_572_864, '1.50 MiB/s'],
    ['cacheHitRatio', 0.9912, '99.1 %'],
    ['shareOfTotal', 0.5, '50.0 %'],
    ['remainingShare', 0.0004, '0.040 %'],
    ['sharePerDay', 0.002, '0.2 % per day'],
    ['calls', 1_234_567, '1,234,567'],
    ['rowsPerCall', 3.4567, '3.46'],
    ['lastValue', '9223372036854', '9,223,372,036,854'],
  ])('shows %s = %s as %s', (key, value, text) => {
    expect(formatEvidenceValue(key, value)).toBe(text);
  });

  it('keeps identifiers, words and long numbers as they are', () => {
    expect(formatEvidenceValue('pid', 12_345)).toBe('12345');
    expect(formatEvidenceValue('blockedBy', [101, 102])).toBe('101, 102');
    expect(formatEvidenceValue('state', 'idle in transaction')).toBe('idle in transaction');
    expect(formatEvidenceValue('maxValue', '9223372036854775807')).toBe('9223372036854775807');
  });

  it('shows a dash for no value, answers yes or no, and shows times in the user’s zone', () => {
    expect(formatEvidenceValue('lastVacuum', null)).toBe('—');
    expect(formatEvidenceValue('autovacuumEnabled', false)).toBe('no');
    expect(formatEvidenceValue('lastAttemptAt', '2026-12-01T10:00:00.000Z')).toBe(formatDateTime('2026-12-01T10:00:00.000Z'));
    expect(formatEvidenceValue('drop', [])).toBe('none');
  });
});

describe('evidenceFields', () => {
  it('nests objects and lists of objects as labelled rows', () => {
    expect(evidenceFields({ blocker: { pid: 7, transactionSeconds: 90 }, indexes: [{ name: 'a_idx', sizeBytes: 2048 }], wastedBytes: 2048 })).toEqual([
      {
        key: 'blocker',
        label: 'Blocker',
        value: [
          { key: 'pid', label: 'PID', value: '7' },
          { key: 'transactionSeconds', label: 'Transaction time', value: '1 min 30 s' },
        ],
      },
      {
        key: 'indexes',
        label: 'Indexes',
        value: [
          [
            { key: 'name', label: 'Name', value: 'a_idx' },
            { key: 'sizeBytes', label: 'Size', value: '2.00 KiB' },
          ],
        ],
      },
      { key: 'wastedBytes', label: 'Wasted', value: '2.00 KiB' },
    ]);
  });
});
