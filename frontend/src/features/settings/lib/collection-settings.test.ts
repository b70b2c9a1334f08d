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
    expect(collectionPayload(catalog, draft)).toEqual({
      settings: null,
      errors: {
        queryTextMaxLength: 'Between 100 and 100000 characters',
        'activity.intervalSeconds': 'Between 5 and 86400 seconds',
        'activity.retentionDays': 'Enter a whole number',
      },
    });
  });
});
