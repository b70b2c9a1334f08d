import { describe, expect, it } from 'vitest';
import { type Collector, CollectorUnavailableError } from './collector';
import { MonitorError } from './errors';
import { gauge } from './metrics';
import type { SessionInfo } from './monitor-connection';
import { runCollector } from './runner';

function collector(collect: Collector['collect']): Collector {
  return {
    id: 'fake',
    title: 'Fake',
    engine: 'postgres',
    tier: 'fast',
    metrics: [gauge('version', 'count')],
    defaultIntervalSeconds: 60,
    defaultRetentionDays: 7,
    queries: [],
    collect,
  };
}

function connection(serverVersionNum = 150000) {
  const session: SessionInfo = { serverVersionNum, serverVersion: String(serverVersionNum), database: 'app', user: 'monitor', flavour: 'postgresql' };
  return { session: async () => session, run: () => Promise.reject(new Error('not used')) };
}

describe(runCollector.name, () => {
  it('passes settings and the session version to the collector', async () => {
    const run = await runCollector(
      collector(async (_conn, ctx) => ({ metrics: [{ metric: 'fake.version', object: null, value: ctx.serverVersionNum, kind: 'gauge' }] })),
      connection(160002),
    );
    expect(run).toMatchObject({ status: 'ok', collectorId: 'fake', output: { metrics: [{ value: 160002 }] } });
  });

  it('fails a run that reports a metric the collector does not declare, so it never reaches charts unnamed', async () => {
    const run = await runCollector(
      collector(async () => ({ metrics: [{ metric: 'fake.surprise', object: null, value: 1, kind: 'gauge' }] })),
      connection(),
    );
    expect(run).toMatchObject({ status: 'error', message: 'collector reported metric "fake.surprise", which it does not declare' });
  });

  it('reports unavailable for a collector that says so, and for a permission error', async () => {
    await expect(
      runCollector(
        collector(() => Promise.reject(new CollectorUnavailableError('no extension'))),
        connection(),
      ),
    ).resolves.toMatchObject({
      status: 'unavailable',
      reason: 'no extension',
    });
    await expect(
      runCollector(
        collector(() => Promise.reject(new MonitorError('permission denied for view x', '42501'))),
        connection(),
      ),
    ).resolves.toMatchObject({
      status: 'unavailable',
      reason: expect.stringContaining('pg_monitor'),
    });
  });

  it('reports every other failure as an error, and servers older than 13 as unavailable', async () => {
    await expect(
      runCollector(
        collector(() => Promise.reject(new MonitorError('syntax error', '42601'))),
        connection(),
      ),
    ).resolves.toMatchObject({
      status: 'error',
      message: 'syntax error',
    });
    await expect(
      runCollector(
        collector(() => Promise.reject(new Error('unreached'))),
        connection(120000),
      ),
    ).resolves.toMatchObject({
      status: 'unavailable',
      reason: expect.stringContaining('13'),
    });
  });
});
