import type { FindingDraft } from '../analyzer';
import { defineAnalyzer } from '../analyzer';
import type { AnalyzerInput } from '../input';
import { formatBytes } from '../sql-text';
import { isMariadb, mysqlVariable, mysqlVariableNumber } from './mysql-text';

const GB = 1024 ** 3;
/** Buffers each connection may allocate at once; with the global ones this is the server's worst case. */
const PER_CONNECTION = ['sort_buffer_size', 'join_buffer_size', 'read_buffer_size', 'read_rnd_buffer_size', 'thread_stack', 'binlog_cache_size'];
const GLOBAL_BUFFERS = ['innodb_buffer_pool_size', 'innodb_log_buffer_size', 'key_buffer_size'];

/**
 * Settings that trade safety for speed or can exhaust memory: committed transactions lost on a crash
 * (innodb_flush_log_at_trx_commit, sync_binlog), every connection allowed more memory than the server has (judged
 * only with the RAM the user described on the instance), and performance_schema off (Inspector then cannot tell
 * unused indexes or slow statements).
 */
export const mysqlRiskySettings = defineAnalyzer({
  id: 'mysql-risky-settings',
  title: 'Risky settings',
  category: 'settings',
  engines: ['mysql'],
  description: 'Durability settings that lose commits on a crash, memory limits above the RAM, performance_schema off.',
  thresholdSchema: {},
  requires: ['mysql.variables'],
  analyze(input) {
    const findings: FindingDraft[] = [];
    const set = isMariadb(input) ? 'SET GLOBAL' : 'SET PERSIST';
    const report = (name: string, severity: FindingDraft['severity'], title: string, why: string, fix: string) =>
      findings.push({
        severity,
        objects: { setting: name },
        title,
        evidence: { setting: name, current: mysqlVariable(input, name) },
        recommendation: `-- ${why}\n${fix}${set === 'SET GLOBAL' && fix.startsWith('SET') ? '\n-- and in the server’s option file, so it survives a restart.' : ''}`,
      });
    const flush = mysqlVariable(input, 'innodb_flush_log_at_trx_commit');
    if (flush !== null && flush !== '1') {
      report(
        'innodb_flush_log_at_trx_commit',
        'warning',
        `innodb_flush_log_at_trx_commit = ${flush}: a crash loses up to a second of commits`,
        'With 1 every commit is on disk before the client hears it succeeded.',
        `${set} innodb_flush_log_at_trx_commit = 1;`,
      );
    }
    const syncBinlog = mysqlVariable(input, 'sync_binlog');
    if (syncBinlog !== null && syncBinlog !== '1' && mysqlVariable(input, 'log_bin') !== 'OFF') {
      report(
        'sync_binlog',
        'warning',
        `sync_binlog = ${syncBinlog}: a crash can lose commits from the binary log`,
        'Replicas and point-in-time recovery then miss transactions the server committed.',
        `${set} sync_binlog = 1;`,
      );
    }
    const memory = worstCaseMemory(input);
    const ram = input.hardware?.ramGb ? input.hardware.ramGb * GB : null;
    if (memory && ram && memory.total > ram) {
      const fitting = Math.max(10, Math.floor((ram - memory.global) / Math.max(1, memory.perConnection)));
      report(
        'max_connections',
        'warning',
        `max_connections = ${memory.connections} can use ${formatBytes(memory.total)}, more than the ${formatBytes(ram)} of RAM`,
        `Global buffers take ${formatBytes(memory.global)} and each connection up to ${formatBytes(memory.perConnection)}: at full load the server swaps or is killed.`,
        `${set} max_connections = ${fitting};`,
      );
    }
    if (mysqlVariable(input, 'performance_schema') === 'OFF') {
      report(
        'performance_schema',
        'info',
        'performance_schema is off: unused indexes and slow statements cannot be judged',
        'It counts index reads and statement times for a few percent of overhead; it can only be switched on at startup.',
        '-- In the server’s option file, then restart: performance_schema = ON',
      );
    }
    return findings;
  },
});

function worstCaseMemory(input: AnalyzerInput): { total: number; global: number; perConnection: number; connections: number } | null {
  const connections = mysqlVariableNumber(input, 'max_connections');
  const pool = mysqlVariableNumber(input, 'innodb_buffer_pool_size');
  if (connections === null || pool === null) return null;
  const sum = (names: string[]) => names.reduce((total, name) => total + (mysqlVariableNumber(input, name) ?? 0), 0);
  const global = sum(GLOBAL_BUFFERS);
  const perConnection = sum(PER_CONNECTION);
  return { total: global + connections * perConnection, global, perConnection, connections };
}
