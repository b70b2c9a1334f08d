import { describe, expect, it } from 'vitest';
import { DEFAULT_STATUSES, filtersFromSearch, filtersToSearch, findingsRequest } from './filters';

describe('findings filters', () => {
  it('shows what needs attention by default: every severity, everything not resolved, most severe first', () => {
    const filters = filtersFromSearch(new URLSearchParams());
    expect(filters).toEqual({ severity: [], status: [...DEFAULT_STATUSES], analyzer: '', instance: '', sort: 'severity', offset: 0 });
    expect(filtersToSearch(filters).toString()).toBe('');
    expect(findingsRequest(filters, 25, { global: true })).toEqual({
      status: 'open,acknowledged,snoozed',
      sort: 'severity',
      order: 'desc',
      limit: 25,
      offset: 0,
    });
  });

  it('round-trips every filter through the URL and drops unknown values', () => {
    const filters = filtersFromSearch(
      new URLSearchParams('severity=critical,bogus,warning&status=resolved&analyzer=unused-index&instance=i-1&sort=lastSeen&offset=50'),
    );
    expect(filters).toEqual({
      severity: ['critical', 'warning'],
      status: ['resolved'],
      analyzer: 'unused-index',
      instance: 'i-1',
      sort: 'lastSeen',
      offset: 50,
    });
    expect(filtersFromSearch(filtersToSearch(filters))).toEqual(filters);
  });

  it('keeps "any status" (nothing ticked) distinct from the default', () => {
    const any = filtersFromSearch(new URLSearchParams('status='));
    expect(any.status).toEqual([]);
    expect(filtersToSearch(any).toString()).toBe('status=');
    expect(findingsRequest(any, 25, { global: true }).status).toBeUndefined();
  });

  it('sends lists as comma-separated values, no list when all are ticked, and the instance only on the global list', () => {
    const filters = filtersFromSearch(new URLSearchParams('severity=critical,warning,info&status=open&instance=i-9'));
    expect(findingsRequest(filters, 10, { global: true })).toMatchObject({ severity: undefined, status: 'open', instance: 'i-9' });
    expect(findingsRequest(filters, 10, { global: false }).instance).toBeUndefined();
  });
});
