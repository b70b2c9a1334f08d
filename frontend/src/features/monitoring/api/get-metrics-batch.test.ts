import { parseSeriesBatchItem } from '@inspector/contracts';
import { describe, expect, it } from 'vitest';
import { batchSources } from '../lib/batch-sources';
import { overviewCharts } from '../lib/overview-charts';
import { metricsBatchSearch } from './get-metrics-batch';

const FROM = Date.UTC(2025, 0, 10, 11, 0, 0);
const TO = Date.UTC(2025, 0, 10, 12, 0, 0);

describe('the metrics batch request', () => {
  it('asks for every series once, in a comma-separated list, over one window', () => {
    const { requests } = batchSources([
      { sources: [{ metric: 'databases.xact_commit', kind: 'rate' }] },
      {
        sources: [
          { metric: 'databases.xact_commit', kind: 'rate' },
          { metric: 'activity.sessions', kind: 'count' },
        ],
      },
    ]);
    const search = new URLSearchParams(metricsBatchSearch(requests, FROM, TO));
    expect(Object.fromEntries(search)).toEqual({
      metrics: 'databases.xact_commit,activity.sessions',
      from: '2025-01-10T11:00:00.000Z',
      to: '2025-01-10T12:00:00.000Z',
      maxPoints: '400',
    });
  });

  it('keeps an object whose name holds a comma or a colon in one item, and tells it from no object', () => {
    const { requests } = batchSources([
      { sources: [{ metric: 'databases.size_bytes', kind: 'gauge', object: 'a,b:c' }] },
      { sources: [{ metric: 'databases.size_bytes', kind: 'gauge' }] },
    ]);
    const items = new URLSearchParams(metricsBatchSearch(requests, FROM, TO)).get('metrics')!.split(',');
    expect(items.map((item) => parseSeriesBatchItem(item))).toEqual([{ metric: 'databases.size_bytes', object: 'a,b:c' }, { metric: 'databases.size_bytes' }]);
  });

  it('hands each chart its sources’ answers by position, shared where charts read the same series', () => {
    const charts = overviewCharts('orders');
    const { requests, positions } = batchSources(charts);
    expect(requests.length).toBeLessThanOrEqual(40);
    charts.forEach((chart, index) =>
      chart.sources.forEach((source, sourceIndex) =>
        expect(requests[positions[index]![sourceIndex]!]).toEqual({ metric: source.metric, ...(source.object === undefined ? {} : { object: source.object }) }),
      ),
    );
    expect(requests).toContainEqual({ metric: 'databases.xact_commit', object: 'orders' });
    expect(requests).toContainEqual({ metric: 'activity.sessions' });
  });
});
