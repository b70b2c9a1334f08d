import { defineAnalyzer } from '../analyzer';
import { count, ratio } from '../threshold';
import { num, percent } from '../sql-text';

/**
 * Share of block reads served from shared buffers, per database, since statistics were reset. Databases that read
 * little are not judged: a few cold reads make a poor ratio that means nothing.
 */
export const cacheHitRatio = defineAnalyzer({
  id: 'cache-hit-ratio',
  title: 'Cache hit ratio',
  category: 'cache',
  description: 'Databases reading a large share of blocks from disk instead of shared buffers.',
  thresholdSchema: { warningBelow: ratio(0.9), infoBelow: ratio(0.99), minBlocks: count(1_000_000) },
  requires: ['databases'],
  analyze(input, thresholds) {
    return input.rows('databases').flatMap((database) => {
      const hits = num(database.blks_hit);
      const reads = num(database.blks_read);
      const ratio = hits / Math.max(1, hits + reads);
      if (hits + reads < thresholds.minBlocks || ratio >= thresholds.infoBelow) return [];
      return [
        {
          severity: ratio < thresholds.warningBelow ? ('warning' as const) : ('info' as const),
          objects: { database: database.database_name },
          title: `Database ${database.database_name} finds ${percent(ratio)} of blocks in cache`,
          evidence: { blocksHit: hits, blocksRead: reads, hitRatio: ratio, statsReset: database.stats_reset },
          recommendation: [
            '-- Reads go to the OS cache or disk. Check first for large sequential scans (see the missing-index findings),',
            '-- then whether shared_buffers (about 25 % of RAM) and the RAM itself fit the working set:',
            'SHOW shared_buffers;',
          ].join('\n'),
        },
      ];
    });
  },
});
