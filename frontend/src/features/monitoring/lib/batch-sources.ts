import type { SeriesRequest } from '../api/get-metrics-batch';
import type { ChartSource } from './chart-data';

/**
 * The distinct series a page of charts reads, for one batch request, and each chart's sources as positions in that
 * list: two charts reading the same metric share its answer.
 */
export function batchSources(charts: readonly { sources: readonly ChartSource[] }[]): { requests: SeriesRequest[]; positions: number[][] } {
  const requests: SeriesRequest[] = [];
  const keys: string[] = [];
  const positions = charts.map((chart) =>
    chart.sources.map((source) => {
      // A JSON pair tells "no object" from an empty object name.
      const key = JSON.stringify([source.metric, source.object ?? null]);
      let position = keys.indexOf(key);
      if (position === -1) {
        position = keys.push(key) - 1;
        requests.push(source.object === undefined ? { metric: source.metric } : { metric: source.metric, object: source.object });
      }
      return position;
    }),
  );
  return { requests, positions };
}
