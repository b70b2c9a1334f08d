import type { Collector } from './collector';
import { gauge, MetricsBuilder, qualified } from './metrics';
import { FOREIGN_KEYS, PRIMARY_KEY_PRESENCE, SEQUENCES } from './sql/schema';

const METRICS = [
  gauge('tables_without_primary_key', 'count', 'Tables without a primary key'),
  gauge('foreign_keys_without_index', 'count', 'Foreign keys without an index'),
  gauge('sequence_remaining_fraction', 'ratio', 'Sequence values remaining'),
];

/**
 * Structural facts: tables without a primary key, foreign keys without a supporting index, sequences
 * running out of values. Three lists, so they travel as facts rather than as one snapshot.
 */
export const schemaCollector: Collector = {
  id: 'schema',
  title: 'Schema checks',
  engine: 'postgres',
  tier: 'slow',
  metrics: METRICS,
  defaultIntervalSeconds: 900,
  defaultRetentionDays: 30,
  queries: [PRIMARY_KEY_PRESENCE, FOREIGN_KEYS, SEQUENCES],
  async collect(conn) {
    const tables = await conn.run(PRIMARY_KEY_PRESENCE);
    const foreignKeys = await conn.run(FOREIGN_KEYS);
    const sequences = await conn.run(SEQUENCES);
    const metrics = new MetricsBuilder('schema')
      .gauge('tables_without_primary_key', null, tables.filter((table) => !table.has_primary_key).length)
      .gauge('foreign_keys_without_index', null, foreignKeys.filter((key) => !key.has_covering_index).length);
    for (const sequence of sequences) {
      metrics.gauge('sequence_remaining_fraction', qualified(sequence.schema_name, sequence.sequence_name), sequence.remaining_fraction);
    }
    return { metrics: metrics.build(), facts: { tables, foreign_keys: foreignKeys, sequences } };
  },
};
