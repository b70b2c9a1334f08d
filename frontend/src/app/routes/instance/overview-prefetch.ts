import type { QueryClient } from '@tanstack/react-query';
import { getInstanceQueryOptions } from '@/features/instances/api/get-instance';
import { getInstanceStatusQueryOptions } from '@/features/monitoring/api/get-instance-status';
import { getInstanceSummaryQueryOptions } from '@/features/monitoring/api/get-instance-summary';
import { getMetricCatalogQueryOptions } from '@/features/monitoring/api/get-metric-catalog';
import { getMetricsBatchQueryOptions } from '@/features/monitoring/api/get-metrics-batch';
import { batchSources } from '@/features/monitoring/lib/batch-sources';
import { databaseFromSearch, overviewCharts } from '@/features/monitoring/lib/overview-charts';
import { windowFromSearch } from '@/features/monitoring/lib/time-window';

/**
 * What an instance's overview asks for, started at boot when the URL opens on it: the status and the catalog at
 * once; the stat strip and the charts' one request as soon as the instance is known to be PostgreSQL's (a MySQL
 * overview shows other figures). The window and database come from the URL, as the page reads them, so the page
 * finds these queries in the cache instead of asking once its code has loaded and rendered.
 */
export function prefetchInstanceOverview(instanceId: string, search: URLSearchParams, client: QueryClient): void {
  void client.prefetchQuery(getInstanceStatusQueryOptions(instanceId));
  void client.prefetchQuery(getMetricCatalogQueryOptions());
  client
    .fetchQuery(getInstanceQueryOptions(instanceId))
    .then((instance) => {
      if (instance.engine !== 'postgres') return;
      const { requests } = batchSources(overviewCharts(databaseFromSearch(search)));
      void client.prefetchQuery(getInstanceSummaryQueryOptions(instanceId));
      return client.prefetchQuery(getMetricsBatchQueryOptions(instanceId, windowFromSearch(search), requests));
    })
    // The page reports a failure when it renders and asks again; this was only an early start.
    .catch(() => undefined);
}
