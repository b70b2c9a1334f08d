import type { Collector } from './collector';
import { counter, gauge, rowReadings } from './metrics';
import { ARCHIVER_STATS } from './sql/wal';

const METRICS = [
  counter('archived_count', 'count', 'WAL files archived'),
  counter('failed_count', 'count', 'WAL archive failures'),
  gauge('last_archived_age_seconds', 'seconds', 'Time since the last archived WAL file'),
  gauge('last_failed_age_seconds', 'seconds', 'Time since the last archive failure'),
];

/** WAL archiving: archived and failed files, and how long ago each last happened (nothing to chart when archiving is off). */
export const archiverCollector: Collector = {
  id: 'archiver',
  title: 'WAL archiving',
  engine: 'postgres',
  tier: 'fast',
  metrics: METRICS,
  defaultIntervalSeconds: 60,
  defaultRetentionDays: 365,
  queries: [ARCHIVER_STATS],
  async collect(conn) {
    const [archiver] = await conn.run(ARCHIVER_STATS);
    return { metrics: [], readings: rowReadings('archiver', METRICS, [archiver], () => null) };
  },
};
