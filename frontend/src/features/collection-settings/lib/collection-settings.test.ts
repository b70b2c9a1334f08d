import { describe, expect, it } from 'vitest';
import { collectionDraft, collectionPayload } from './collection-settings';

const catalog = {
  settings: { includeQueryText: true, queryTextMaxLength: 2000, collectors: { tables: { intervalSeconds: 600 } } },
  collectors: [
    { id: 'activity', title: 'Activity and locks', defaultIntervalSeconds: 15, defaultRetentionDays: 7, enabled: true, intervalSeconds: 15, retentionDays: 7 },
    { id: 'tables', title: 'Tables', defaultIntervalSeconds: 900, defaultRetentionDays: 90, enabled: true, intervalSeconds: 600, retentionDays: 90 },
    { id: 'statements', title: 'Statements', defaultIntervalSeconds: 60, defaultRetentionDays: 14, enabled: true, intervalSeconds: 60, retentionDays: 14 },
  ],
};

describe('collection settings payload', () => {
  it('starts from what applies and sends it back unchanged', () => {
    expect(collectionPayload(catalog, collectionDraft(catalog))).toEqual({ settings: catalog.settings, errors: {} });
  });

  it('keeps overrides only where a value differs from the default, and the privacy choice', () => {
    const draft = collectionDraft(catalog);
    draft.includeQueryText = false;
    draft.queryTextMaxLength = '500';
    draft.collectors.activity = { enabled: true, intervalSeconds: '30', retentionDays: '7' };
    draft.collectors.tables = { enabled: true, intervalSeconds: '900', retentionDays: '90' };
    draft.collectors.statements = { enabled: false, intervalSeconds: '60', retentionDays: '30' };
    expect(collectionPayload(catalog, draft).settings).toEqual({
      includeQueryText: false,
      queryTextMaxLength: 500,
      collectors: { activity: { intervalSeconds: 30 }, statements: { enabled: false, retentionDays: 30 } },
    });
  });

  it('names each field out of bounds and sends nothing', () => {
    const draft = collectionDraft(catalog);
    draft.queryTextMaxLength = '50';
    draft.collectors.activity = { enabled: true, intervalSeconds: '1', retentionDays: '7.5' };
    draft.tiers = { rawDays: '31', fiveMinuteDays: '', hourDays: '3650' };
    expect(collectionPayload(catalog, draft)).toEqual({
      settings: null,
      errors: {
        queryTextMaxLength: 'Between 100 and 100000 characters',
        'tiers.rawDays': 'Between 1 and 30 days',
        'tiers.fiveMinuteDays': 'Enter a whole number',
        'activity.intervalSeconds': 'Between 5 and 86400 seconds',
        'activity.retentionDays': 'Enter a whole number',
      },
    });
  });

  it('leaves tiers out while they were never set and stay at the defaults, so future defaults apply', () => {
    const draft = collectionDraft(catalog);
    expect(draft.tiers).toEqual({ rawDays: '2', fiveMinuteDays: '31', hourDays: '365' });
    expect(collectionPayload(catalog, draft).settings).not.toHaveProperty('tiers');
  });

  it('sends all three tiers once one moves off its default', () => {
    const draft = collectionDraft(catalog);
    draft.tiers.rawDays = '7';
    expect(collectionPayload(catalog, draft).settings?.tiers).toEqual({ rawDays: 7, fiveMinuteDays: 31, hourDays: 365 });
  });

  it('keeps saved tiers when only something else changes, even tiers equal to the defaults', () => {
    for (const tiers of [
      { rawDays: 5, fiveMinuteDays: 60, hourDays: 730 },
      { rawDays: 2, fiveMinuteDays: 31, hourDays: 365 },
    ]) {
      const saved = { ...catalog, settings: { ...catalog.settings, tiers } };
      const draft = collectionDraft(saved);
      draft.includeQueryText = false;
      expect(collectionPayload(saved, draft).settings).toEqual({ ...saved.settings, includeQueryText: false });
    }
  });
});
