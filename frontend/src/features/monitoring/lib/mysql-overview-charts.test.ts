import type { MetricCatalog } from '@inspector/contracts';
import { describe, expect, it } from 'vitest';
import { declaredCharts, declaredMetrics, MYSQL_OVERVIEW_CHARTS } from './mysql-overview-charts';

const catalog: MetricCatalog = {
  collectors: [
    {
      id: 'mysql_status',
      title: 'MySQL status',
      engine: 'mysql',
      tier: 'fast',
      snapshotKind: 'mysql.status',
      metrics: ['connections', 'max_connections', 'threads_running', 'queries'].map((name) => ({
        metric: `mysql_status.${name}`,
        kind: name === 'queries' ? ('counter' as const) : ('gauge' as const),
        unit: 'count' as const,
        label: name,
      })),
    },
    {
      id: 'activity',
      title: 'Activity',
      engine: 'postgres',
      tier: 'fast',
      snapshotKind: 'activity',
      metrics: [{ metric: 'activity.sessions', kind: 'gauge', unit: 'count', label: 'Sessions' }],
    },
  ],
};

describe('MySQL overview charts', () => {
  it('draw only what the MySQL collectors declare, so a server without replication metrics asks for none', () => {
    const declared = declaredMetrics(catalog, 'mysql');
    expect(declared.has('activity.sessions')).toBe(false);
    expect(declaredCharts(MYSQL_OVERVIEW_CHARTS, declared).map((chart) => chart.title)).toEqual(['Connections', 'Threads running', 'Statements per second']);
  });

  it('draw nothing before any MySQL collector is declared', () => {
    expect(declaredCharts(MYSQL_OVERVIEW_CHARTS, declaredMetrics({ collectors: [] }, 'mysql'))).toEqual([]);
  });

  it('read every metric the MySQL contract names for the overview', () => {
    const metrics = new Set(MYSQL_OVERVIEW_CHARTS.flatMap((chart) => chart.sources.map((source) => source.metric)));
    expect(metrics).toContain('mysql_status.history_list_length');
    expect(metrics).toContain('mysql_replication.seconds_behind');
  });
});
