import type { Finding } from '@inspector/contracts';

/** A finding as the API returns it. */
export const finding = (overrides: Partial<Finding> = {}): Finding => ({
  id: 'f-1',
  fingerprint: 'fp-1',
  analyzerId: 'unused-index',
  category: 'indexes',
  severity: 'warning',
  instanceId: 'i-1',
  instanceName: 'orders-db',
  objects: { schema: 'public', table: 'orders', index: 'orders_a_idx' },
  title: 'Index public.orders_a_idx is not used (12 MB)',
  evidence: { indexScans: 0, indexSizeBytes: 12_582_912 },
  recommendation: 'DROP INDEX CONCURRENTLY public.orders_a_idx;',
  status: 'open',
  snoozedUntil: null,
  statusChangedBy: null,
  statusChangedAt: null,
  firstSeenAt: new Date(Date.now() - 2 * 86_400_000).toISOString(),
  lastSeenAt: new Date(Date.now() - 5 * 60_000).toISOString(),
  resolvedAt: null,
  ...overrides,
});

export const findingPage = (items: Finding[], total = items.length) => ({ items, total, limit: 25, offset: 0 });
