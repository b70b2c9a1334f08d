import { defineAnalyzer, type FindingDraft, inDatabase } from '../analyzer';
import { count, days } from '../threshold';
import type { AnalyzerInput, Stored } from '../input';
import type { TableStatsRow } from '../../collectors/sql/tables';
import { formatDuration, num, qualifiedName } from '../sql-text';

type Table = Stored<TableStatsRow>;

/**
 * Autovacuum switched off (everywhere: critical, transaction-ID wraparound then needs manual VACUUMs; on a
 * table that changes: warning), and tables where autovacuum's own trigger has been passed with no vacuum or
 * analyze for days. "For days" keeps a bulk delete that autovacuum will handle in a minute from raising noise.
 */
export const vacuumMaintenance = defineAnalyzer({
  id: 'vacuum-maintenance',
  title: 'Vacuum and analyze',
  category: 'tables',
  description: 'Autovacuum disabled, and vacuum or analyze overdue on tables that need them.',
  thresholdSchema: { minTableRows: count(1_000), overdueDays: days(7) },
  requires: ['tables', 'settings'],
  analyze(input, thresholds) {
    const findings: FindingDraft[] = [];
    if (input.setting('autovacuum')?.setting === 'off') {
      findings.push({
        severity: 'critical',
        objects: { setting: 'autovacuum' },
        title: 'Autovacuum is disabled for the whole server',
        evidence: { autovacuum: 'off' },
        recommendation:
          'ALTER SYSTEM SET autovacuum = on;\nSELECT pg_reload_conf();\n-- Without it dead rows pile up and only manual VACUUMs prevent transaction-ID wraparound.',
      });
    }
    for (const table of input.rows('tables')) {
      const finding = tableFinding(input, table, thresholds);
      if (finding) findings.push(finding);
    }
    return findings;
  },
});

function tableFinding(input: AnalyzerInput, table: Table, thresholds: { minTableRows: number; overdueDays: number }): FindingDraft | null {
  const name = qualifiedName(table.schema_name, table.table_name);
  const objects = inDatabase(input, { schema: table.schema_name, table: table.table_name });
  const live = num(table.n_live_tup);
  const changed = num(table.n_dead_tup) + num(table.n_mod_since_analyze) > 0;
  if (!table.autovacuum_enabled && changed) {
    return {
      severity: 'warning',
      objects,
      title: `Autovacuum is disabled for ${table.schema_name}.${table.table_name}`,
      evidence: {
        deadTuples: num(table.n_dead_tup),
        modifiedSinceAnalyze: num(table.n_mod_since_analyze),
        lastVacuum: table.last_vacuum,
        lastAnalyze: table.last_analyze,
      },
      recommendation: `ALTER TABLE ${name} RESET (autovacuum_enabled);\nVACUUM (ANALYZE) ${name};`,
    };
  }
  if (live < thresholds.minTableRows) return null;
  const overdueMs = thresholds.overdueDays * 86_400_000;
  const vacuumTrigger = trigger(input, 'vacuum', live);
  const lastVacuum = latest(table.last_vacuum, table.last_autovacuum);
  if (vacuumTrigger !== null && num(table.n_dead_tup) > vacuumTrigger && stale(input, lastVacuum, overdueMs)) {
    return {
      severity: 'warning',
      objects,
      title: `Vacuum overdue on ${table.schema_name}.${table.table_name}`,
      evidence: { deadTuples: num(table.n_dead_tup), autovacuumTrigger: vacuumTrigger, lastVacuum: lastVacuum?.toISOString() ?? null },
      recommendation: `VACUUM (ANALYZE) ${name};\n-- Autovacuum should have done this ${lastVacuum ? `since ${formatDuration((input.now.getTime() - lastVacuum.getTime()) / 1000)}` : 'already'}: check for long transactions holding it back, or lower autovacuum_vacuum_scale_factor for this table.`,
    };
  }
  const analyzeTrigger = trigger(input, 'analyze', live);
  const lastAnalyze = latest(table.last_analyze, table.last_autoanalyze);
  if (analyzeTrigger !== null && num(table.n_mod_since_analyze) > analyzeTrigger && stale(input, lastAnalyze, overdueMs)) {
    return {
      severity: 'info',
      objects,
      title: `Statistics of ${table.schema_name}.${table.table_name} are out of date`,
      evidence: { modifiedSinceAnalyze: num(table.n_mod_since_analyze), autoanalyzeTrigger: analyzeTrigger, lastAnalyze: lastAnalyze?.toISOString() ?? null },
      recommendation: `ANALYZE ${name};`,
    };
  }
  return null;
}

/** Autovacuum's threshold for this table size, from the server's settings (per-table overrides are not collected). */
function trigger(input: AnalyzerInput, kind: 'vacuum' | 'analyze', liveRows: number): number | null {
  const base = input.settingNumber(`autovacuum_${kind}_threshold`);
  const scale = input.settingNumber(`autovacuum_${kind}_scale_factor`);
  return base === null || scale === null ? null : base + scale * liveRows;
}

function latest(...values: Array<string | null>): Date | null {
  const times = values.filter((value): value is string => value !== null).map((value) => Date.parse(value));
  return times.length === 0 ? null : new Date(Math.max(...times));
}

/**
 * "Never" counts only when statistics were reset long enough ago: otherwise the table may be minutes old (the
 * dead-tuples analyzer still catches a table that really is never vacuumed).
 */
function stale(input: AnalyzerInput, last: Date | null, overdueMs: number): boolean {
  if (last) return input.now.getTime() - last.getTime() > overdueMs;
  const statsAge = input.statsAgeSeconds;
  return statsAge !== null && statsAge * 1000 > overdueMs;
}
