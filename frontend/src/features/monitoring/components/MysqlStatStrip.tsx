import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useCan } from '@/lib/authorization';
import type { MetricData } from '../api/get-metric';
import { getMetricsBatchQueryOptions } from '../api/get-metrics-batch';
import { useMysqlVariables } from '../api/get-mysql-variables';
import { mysqlStatTiles } from '../lib/mysql-stat-strip';
import { Tile } from './StatStrip';

/** The figures the strip reads from series: their latest value in the last 15 minutes. */
const GLANCE_METRICS = ['mysql_status.connections', 'mysql_status.max_connections', 'mysql_status.threads_running', 'mysql_instance.uptime_seconds'];
const RECENT = { range: '15m' } as const;
const VERSION = { q: 'version', sort: 'name', order: 'asc', limit: 50, offset: 0 } as const;

/** The last reading of a single-object metric; null when none arrived in the window. */
function latest(data: MetricData | undefined): number | null {
  const points = data?.series[0]?.points ?? [];
  for (let index = points.length - 1; index >= 0; index--) {
    const value = points[index]![1];
    if (value !== null) return value;
  }
  return null;
}

/** A MySQL / MariaDB server at a glance: version, uptime, connections of the maximum, threads running. */
export function MysqlStatStrip({ instanceId, declared }: { instanceId: string; declared: ReadonlySet<string> }) {
  const canReadVariables = useCan('monitoring.settings:read');
  const variables = useMysqlVariables(instanceId, VERSION, { enabled: canReadVariables });
  // Only declared metrics: the batch answers 400 for one no collector declares.
  const requests = useMemo(() => GLANCE_METRICS.filter((metric) => declared.has(metric)).map((metric) => ({ metric })), [declared]);
  const batch = useQuery({ ...getMetricsBatchQueryOptions(instanceId, RECENT, requests), enabled: requests.length > 0 });
  const value = (metric: string) => {
    const position = requests.findIndex((request) => request.metric === metric);
    return position === -1 ? null : latest(batch.data?.[position]);
  };
  const tiles = mysqlStatTiles({
    instanceId,
    version: variables.data?.rows.find((row) => row.name === 'version')?.value ?? null,
    uptimeSeconds: value('mysql_instance.uptime_seconds'),
    connections: value('mysql_status.connections'),
    maxConnections: value('mysql_status.max_connections'),
    threadsRunning: value('mysql_status.threads_running'),
  });
  return (
    <section aria-labelledby="overview-glance" className="stat-strip-section">
      <h2 id="overview-glance" className="visually-hidden">
        At a glance
      </h2>
      <ul className="stat-strip">
        {tiles.map((tile) => (
          <Tile key={tile.id} tile={tile} />
        ))}
      </ul>
    </section>
  );
}
