import type { Finding } from '@inspector/contracts';
import { describe, expect, it } from 'vitest';
import { marksFromFindings } from './finding-marks';

const finding = (overrides: Partial<Finding>): Finding => ({
  id: 'f',
  fingerprint: 'x',
  analyzerId: 'unused-index',
  category: 'indexes',
  severity: 'warning',
  instanceId: 'i-1',
  instanceName: 'db',
  objects: {},
  title: 'Something',
  evidence: {},
  recommendation: '',
  status: 'open',
  snoozedUntil: null,
  statusChangedBy: null,
  statusChangedAt: null,
  firstSeenAt: '2025-01-10T09:00:00.000Z',
  lastSeenAt: '2025-01-10T09:00:00.000Z',
  resolvedAt: null,
  ...overrides,
});

describe('marksFromFindings', () => {
  it('marks indexes by schema and name, every index of a duplicate group, and tables by schema and table', () => {
    const { tables, indexes } = marksFromFindings([
      finding({ analyzerId: 'unused-index', objects: { database: 'app', schema: 'public', table: 'orders', index: 'orders_created_idx' } }),
      finding({ analyzerId: 'duplicate-index', objects: { schema: 'public', table: 'orders', indexes: 'a_idx, b_idx' } }),
      finding({ analyzerId: 'no-primary-key', severity: 'info', objects: { schema: 'public', table: 'customers' } }),
    ]);
    expect(indexes.get('public.orders_created_idx')?.map((mark) => mark.label)).toEqual(['unused']);
    expect(indexes.get('public.a_idx')?.map((mark) => mark.label)).toEqual(['duplicate']);
    expect(indexes.get('public.b_idx')?.map((mark) => mark.label)).toEqual(['duplicate']);
    expect(tables.get('public.customers')).toEqual([{ label: 'no primary key', title: 'Something', severity: 'info' }]);
    expect(tables.has('public.orders')).toBe(false);
  });

  it('ignores resolved findings and findings about no table (settings, the server)', () => {
    const { tables, indexes } = marksFromFindings([
      finding({ status: 'resolved', objects: { schema: 'public', index: 'gone_idx' } }),
      finding({ analyzerId: 'vacuum-maintenance', objects: { setting: 'autovacuum' } }),
    ]);
    expect(tables.size + indexes.size).toBe(0);
  });
});
