import type { Analyzer, FindingDraft, Thresholds } from '../src/analyzers/analyzer';
import { AnalyzerInput, type AnalyzerInputData, type IndexRow, type InputKind, type SnapshotRows, type Stored } from '../src/analyzers/input';
import type { ActivityRow } from '../src/collectors/sql/activity';
import type { DatabaseStatsRow } from '../src/collectors/sql/databases';
import type { ServerSettingRow } from '../src/collectors/sql/instance';
import type { TableStatsRow } from '../src/collectors/sql/tables';

/** Crafted analyzer input for unit tests: rows shaped as collectors store them, with harmless defaults. */
export const NOW = new Date('2026-06-01T12:00:00.000Z');
const DAY = 86_400_000;
export const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY).toISOString();

export function makeInput(
  snapshots: { [K in InputKind]?: SnapshotRows[K] },
  extra: Partial<Pick<AnalyzerInputData, 'series' | 'hardware'>> = {},
): AnalyzerInput {
  const stored: AnalyzerInputData['snapshots'] = {};
  for (const [kind, rows] of Object.entries(snapshots)) (stored as Record<string, unknown>)[kind] = { at: NOW, rows };
  return new AnalyzerInput({ instanceId: 'instance-1', now: NOW, snapshots: stored, ...extra });
}

export function run(analyzer: Analyzer, input: AnalyzerInput, thresholds: Thresholds = {}): FindingDraft[] {
  return analyzer.analyze(input, { ...analyzer.defaultThresholds, ...thresholds });
}

let oid = 1000;

export function table(overrides: Partial<Stored<TableStatsRow>> = {}): Stored<TableStatsRow> {
  return {
    relid: ++oid,
    schema_name: 'public',
    table_name: 'orders',
    seq_scan: '10',
    seq_tup_read: '1000',
    idx_scan: '5000',
    idx_tup_fetch: '5000',
    n_tup_ins: '1000000',
    n_tup_upd: '0',
    n_tup_del: '0',
    n_tup_hot_upd: '0',
    n_live_tup: '1000000',
    n_dead_tup: '0',
    n_mod_since_analyze: '0',
    last_vacuum: null,
    last_autovacuum: daysAgo(1),
    last_analyze: null,
    last_autoanalyze: daysAgo(1),
    vacuum_count: '0',
    autovacuum_count: '3',
    analyze_count: '0',
    autoanalyze_count: '3',
    heap_blks_read: '100',
    heap_blks_hit: '100000',
    idx_blks_read: '10',
    idx_blks_hit: '10000',
    autovacuum_enabled: true,
    table_size_bytes: String(200 * 1024 * 1024),
    indexes_size_bytes: String(50 * 1024 * 1024),
    total_size_bytes: String(250 * 1024 * 1024),
    ...overrides,
  };
}

/** An index; `columns` builds the definition ("a, b DESC") unless one is given. */
export function index(overrides: Partial<IndexRow> & { columns?: string } = {}): IndexRow {
  const { columns = 'customer_id', ...rest } = overrides;
  const name = rest.index_name ?? `idx_${++oid}`;
  const schema = rest.schema_name ?? 'public';
  const tableName = rest.table_name ?? 'orders';
  return {
    indexrelid: ++oid,
    schema_name: schema,
    table_name: tableName,
    index_name: name,
    idx_scan: '0',
    idx_tup_read: '0',
    idx_tup_fetch: '0',
    idx_blks_read: '0',
    idx_blks_hit: '0',
    is_unique: false,
    is_primary: false,
    is_valid: true,
    is_partial: false,
    has_expressions: false,
    key_columns: [2],
    definition: `CREATE ${rest.is_unique ? 'UNIQUE ' : ''}INDEX ${name} ON ${schema}.${tableName} USING btree (${columns})`,
    size_bytes: String(100 * 1024 * 1024),
    constraint_name: null,
    constraint_type: null,
    referenced_by_foreign_key: false,
    ...rest,
  };
}

export function session(overrides: Partial<Stored<ActivityRow>> = {}): Stored<ActivityRow> {
  return {
    pid: ++oid,
    usename: 'app',
    datname: 'shop',
    application_name: 'web',
    client_addr: '10.0.0.5',
    state: 'idle',
    wait_event_type: 'Client',
    wait_event: 'ClientRead',
    backend_type: 'client backend',
    backend_start: daysAgo(1),
    xact_start: null,
    query_start: daysAgo(0.01),
    state_change: daysAgo(0.01),
    xact_seconds: null,
    query_seconds: 1,
    state_seconds: 1,
    backend_xid_age: null,
    backend_xmin_age: null,
    blocking_pids: [],
    lock_type: null,
    lock_mode: null,
    lock_relation: null,
    lock_wait_seconds: null,
    query: 'SELECT 1',
    ...overrides,
  };
}

export function database(overrides: Partial<Stored<DatabaseStatsRow>> = {}): Stored<DatabaseStatsRow> {
  return {
    database_name: 'shop',
    database_oid: 16384,
    numbackends: 5,
    connection_limit: -1,
    xact_commit: '1000000',
    xact_rollback: '10',
    blks_read: '1000',
    blks_hit: '10000000',
    tup_returned: '0',
    tup_fetched: '0',
    tup_inserted: '0',
    tup_updated: '0',
    tup_deleted: '0',
    conflicts: '0',
    temp_files: '0',
    temp_bytes: '0',
    deadlocks: '0',
    stats_reset: null,
    frozen_xid_age: 50_000_000,
    size_bytes: String(10 * 1024 ** 3),
    ...overrides,
  };
}

export function setting(name: string, value: string, unit: string | null = null): ServerSettingRow {
  return { name, setting: value, unit, source: 'default', pending_restart: false };
}

/** PostgreSQL's defaults for what analyzers read. */
export const DEFAULT_SETTINGS: ServerSettingRow[] = [
  setting('autovacuum', 'on'),
  setting('autovacuum_vacuum_threshold', '50'),
  setting('autovacuum_vacuum_scale_factor', '0.2'),
  setting('autovacuum_analyze_threshold', '50'),
  setting('autovacuum_analyze_scale_factor', '0.1'),
  setting('autovacuum_freeze_max_age', '200000000'),
  setting('max_connections', '100'),
  setting('superuser_reserved_connections', '3'),
  setting('shared_buffers', '16384', '8kB'),
  setting('effective_cache_size', '524288', '8kB'),
  setting('work_mem', '4096', 'kB'),
  setting('maintenance_work_mem', '65536', 'kB'),
  setting('random_page_cost', '4'),
  setting('max_parallel_workers', '8'),
];
