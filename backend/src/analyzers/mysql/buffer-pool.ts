import { defineAnalyzer } from '../analyzer';
import { count, ratio } from '../threshold';
import { formatBytes, percent } from '../sql-text';
import { mysqlStatus, mysqlVariableNumber } from './mysql-text';

const GB = 1024 ** 3;

/**
 * Share of InnoDB page reads served from the buffer pool (1 − Innodb_buffer_pool_reads / read_requests). Both count
 * from server start, so a young or idle server is not judged until enough requests accumulate: a few cold reads
 * after a restart make a poor ratio that means nothing.
 */
export const mysqlBufferPool = defineAnalyzer({
  id: 'mysql-buffer-pool-hit-ratio',
  title: 'Buffer pool hit ratio',
  category: 'cache',
  engines: ['mysql'],
  description: 'InnoDB reading a large share of pages from disk instead of the buffer pool.',
  thresholdSchema: { warningBelow: ratio(0.9), infoBelow: ratio(0.99), minRequests: count(1_000_000) },
  requires: ['mysql.status'],
  skipReason(input, thresholds) {
    const requests = mysqlStatus(input, 'Innodb_buffer_pool_read_requests');
    if (requests === null || mysqlStatus(input, 'Innodb_buffer_pool_reads') === null) return 'buffer pool counters are not collected';
    return requests < thresholds.minRequests ? `only ${requests} buffer pool read requests since the server started` : null;
  },
  analyze(input, thresholds) {
    const requests = mysqlStatus(input, 'Innodb_buffer_pool_read_requests') ?? 0;
    const reads = mysqlStatus(input, 'Innodb_buffer_pool_reads') ?? 0;
    const hitRatio = 1 - reads / Math.max(1, requests);
    if (hitRatio >= thresholds.infoBelow) return [];
    const size = mysqlVariableNumber(input, 'innodb_buffer_pool_size');
    const ram = input.hardware?.ramGb ? input.hardware.ramGb * GB : null;
    return [
      {
        severity: hitRatio < thresholds.warningBelow ? ('warning' as const) : ('info' as const),
        objects: {},
        title: `InnoDB finds ${percent(hitRatio)} of pages in the buffer pool`,
        evidence: { readRequests: requests, diskReads: reads, hitRatio, bufferPoolBytes: size, ramBytes: ram },
        recommendation: [
          '-- Reads go to disk. Check first for full scans of large tables (slow statements with many rows examined),',
          `-- then whether the buffer pool${size === null ? '' : ` (${formatBytes(size)})`} fits the working set${ram ? ` (about 70 % of the ${formatBytes(ram)} of RAM on a dedicated server)` : ''}:`,
          ram ? `SET GLOBAL innodb_buffer_pool_size = ${Math.floor((ram * 0.7) / GB) * GB || GB};` : 'SELECT @@innodb_buffer_pool_size;',
          '-- and in the server’s option file, so it survives a restart.',
        ].join('\n'),
      },
    ];
  },
});
