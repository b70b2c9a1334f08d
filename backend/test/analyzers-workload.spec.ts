import { describe, expect, it } from 'vitest';
import { monitoringRole } from '../src/analyzers/configuration/monitoring-role';
import { settingsTuning } from '../src/analyzers/configuration/settings-tuning';
import type { InstanceFacts } from '../src/analyzers/input';
import { inactiveSlots } from '../src/analyzers/replication/inactive-slots';
import { replicationLag } from '../src/analyzers/replication/replication-lag';
import { cacheHitRatio } from '../src/analyzers/workload/cache-hit-ratio';
import { topStatements } from '../src/analyzers/workload/top-statements';
import type { ReplicationSlotRow, StandbyRow } from '../src/collectors/sql/replication';
import type { StatementRow } from '../src/collectors/sql/statements';
import { database, DEFAULT_SETTINGS, makeInput, NOW, run, setting } from './analyzers-fixtures';

const GB = 1024 ** 3;

describe(topStatements.id, () => {
  const statement = (queryid: string, totalMs: number, calls: number, overrides: Partial<StatementRow> = {}): StatementRow => ({
    queryid,
    userid: 10,
    dbid: 16384,
    calls: String(calls),
    total_exec_time_ms: totalMs,
    mean_exec_time_ms: totalMs / calls,
    rows: String(calls),
    shared_blks_hit: '100',
    shared_blks_read: '0',
    temp_blks_written: '0',
    query: 'SELECT secret FROM t',
    ...overrides,
  });

  it('suggests (info) the statements taking a large share of time or slow per call, top N only, named by database', () => {
    const rows = [
      statement('1', 60_000, 1000),
      statement('2', 30_000, 10),
      statement('3', 9_000, 9000),
      statement('4', 1_000, 5),
      statement('1', 20_000, 1000),
    ];
    const findings = run(topStatements, makeInput({ statements: rows, databases: [database()] }), { topN: 2 });
    expect(findings.map((finding) => [finding.objects, finding.severity])).toEqual([
      [{ database: 'shop', userid: 10, queryid: '1' }, 'info'],
      [{ database: 'shop', userid: 10, queryid: '2' }, 'info'],
    ]);
    expect(findings[0].evidence).toMatchObject({ calls: 2000, totalTimeMs: 80_000 });
  });

  it('names a statement by its normalised text on one line, shortened, and by query id when the text is not collected', () => {
    const long = `SELECT id,\n       name\nFROM   orders WHERE customer_id = $1 AND created_at > $2 ORDER BY created_at DESC`;
    const findings = run(
      topStatements,
      makeInput({ statements: [statement('1', 60_000, 1000, { query: long }), statement('2', 30_000, 1000, { query: null })], databases: [database()] }),
    );
    expect(findings.map((finding) => finding.title)).toEqual([
      '“SELECT id, name FROM orders WHERE customer_id = $1 AND crea…” takes 67 % of execution time',
      'Statement 2 takes 33 % of execution time',
    ]);
    // The text names the finding; it never identifies it (a text cut differently must not open a new finding).
    expect(findings[0].objects).toEqual({ database: 'shop', userid: 10, queryid: '1' });
  });

  it('says how slow per call a statement is, in milliseconds under a second', () => {
    const rows = [statement('1', 1_000_000, 10_000), statement('2', 2_020, 10), statement('3', 25_000, 10)];
    const findings = run(topStatements, makeInput({ statements: rows, databases: [database()] }), { minShareOfTotal: 0.99, slowMeanMs: 150 });
    expect(findings.map((finding) => finding.title)).toEqual(['“SELECT secret FROM t” takes 2.5 s per call', '“SELECT secret FROM t” takes 202 ms per call']);
  });

  it('ignores statements called rarely and those without a query id', () => {
    expect(
      run(topStatements, makeInput({ statements: [statement('1', 60_000, 2), statement(null as unknown as string, 60_000, 100, { queryid: null })] })),
    ).toEqual([]);
  });
});

describe(cacheHitRatio.id, () => {
  it('warns below 90 %, suggests below 99 %, and ignores databases that read little', () => {
    const databases = [
      database({ database_name: 'cold', blks_hit: '8000000', blks_read: '2000000' }),
      database({ database_name: 'warm', blks_hit: '9800000', blks_read: '200000' }),
      database({ database_name: 'hot', blks_hit: '9999000', blks_read: '1000' }),
      database({ database_name: 'idle', blks_hit: '10', blks_read: '90' }),
    ];
    expect(run(cacheHitRatio, makeInput({ databases })).map((finding) => [finding.objects.database, finding.severity])).toEqual([
      ['cold', 'warning'],
      ['warm', 'info'],
    ]);
  });
});

describe(replicationLag.id, () => {
  const standby = (overrides: Partial<StandbyRow>): StandbyRow => ({
    pid: 300,
    usename: 'replicator',
    application_name: 'replica1',
    client_addr: '10.0.0.9',
    state: 'streaming',
    sync_state: 'async',
    write_lag_seconds: 0,
    flush_lag_seconds: 0,
    replay_lag_seconds: 0,
    sent_lag_bytes: '0',
    replay_lag_bytes: '0',
    ...overrides,
  });

  it('takes the worse of time and bytes behind', () => {
    const standbys = [
      standby({ replay_lag_seconds: 120 }),
      standby({ application_name: 'replica2', replay_lag_bytes: String(20 * GB) }),
      standby({ application_name: 'fine' }),
    ];
    expect(run(replicationLag, makeInput({ standbys })).map((finding) => [finding.objects.standby, finding.severity])).toEqual([
      ['replica1', 'warning'],
      ['replica2', 'critical'],
    ]);
  });
});

describe(inactiveSlots.id, () => {
  const slot = (overrides: Partial<ReplicationSlotRow>): ReplicationSlotRow => ({
    slot_name: 'old_consumer',
    slot_type: 'logical',
    plugin: 'pgoutput',
    database: 'shop',
    active: false,
    temporary: false,
    wal_status: 'extended',
    retained_wal_bytes: String(5 * GB),
    safe_wal_size_bytes: null,
    ...overrides,
  });
  const facts = (slots: ReplicationSlotRow[]) => ({ 'replication.facts': [{ in_recovery: false, slots }] });

  it('reports inactive slots retaining WAL, with the literal-quoted drop', () => {
    const findings = run(
      inactiveSlots,
      makeInput(facts([slot({}), slot({ slot_name: "it's active", active: true }), slot({ slot_name: 'small', retained_wal_bytes: '1000' })])),
    );
    expect(findings.map((finding) => [finding.objects.slot, finding.severity])).toEqual([['old_consumer', 'warning']]);
    expect(findings[0].recommendation).toContain("SELECT pg_drop_replication_slot('old_consumer');");
    expect(run(inactiveSlots, makeInput(facts([slot({ slot_name: "o'brien" })])))[0].recommendation).toContain("'o''brien'");
  });

  it('projects the time until max_slot_wal_keep_size invalidates the slot at the measured WAL rate', () => {
    // 10 GB left at 1 MB/s: under 3 hours.
    const series = { 'wal.position_bytes': { '': [{ at: NOW.getTime(), value: 1024 * 1024 }] } };
    const [finding] = run(
      inactiveSlots,
      makeInput(facts([slot({ retained_wal_bytes: String(100 * 1024 * 1024), safe_wal_size_bytes: String(10 * GB) })]), { series }),
    );
    expect(finding.severity).toBe('critical');
    expect(finding.recommendation).toMatch(/invalidated in about 3 h/);
  });
});

describe(settingsTuning.id, () => {
  it('cannot judge without hardware facts', () => {
    expect(settingsTuning.skipReason?.(makeInput({ settings: DEFAULT_SETTINGS }))).toMatch(/hardware/);
  });

  it('suggests memory, planner and parallelism settings far from the usual starting points', () => {
    const input = makeInput({ settings: DEFAULT_SETTINGS }, { hardware: { vcpu: 16, ramGb: 64, storageType: 'ssd' } });
    expect(settingsTuning.skipReason?.(input)).toBeNull();
    const findings = run(settingsTuning, input);
    expect(Object.fromEntries(findings.map((finding) => [finding.objects.setting, finding.evidence.suggested]))).toEqual({
      shared_buffers: '16GB',
      effective_cache_size: '48GB',
      maintenance_work_mem: '2GB',
      random_page_cost: '1.1',
    });
    expect(findings.every((finding) => finding.severity === 'info')).toBe(true);
    expect(findings[0].recommendation).toContain("ALTER SYSTEM SET shared_buffers = '16GB';");
  });

  it('warns against work_mem that every connection cannot use at once, and says nothing for a well-tuned server', () => {
    const tuned = [
      setting('shared_buffers', String((4 * GB) / 8192), '8kB'),
      setting('effective_cache_size', String((12 * GB) / 8192), '8kB'),
      setting('work_mem', String(256 * 1024), 'kB'),
      setting('maintenance_work_mem', String(1024 * 1024), 'kB'),
      setting('max_connections', '100'),
      setting('random_page_cost', '1.1'),
    ];
    const findings = run(settingsTuning, makeInput({ settings: tuned }, { hardware: { ramGb: 16, storageType: 'ssd' } }));
    expect(findings.map((finding) => finding.objects.setting)).toEqual(['work_mem']);
    const fine = tuned.map((row) => (row.name === 'work_mem' ? setting('work_mem', String(16 * 1024), 'kB') : row));
    expect(run(settingsTuning, makeInput({ settings: fine }, { hardware: { ramGb: 16, storageType: 'ssd' } }))).toEqual([]);
  });
});

describe(monitoringRole.id, () => {
  const facts = (role?: InstanceFacts['role']): InstanceFacts => ({
    server_version_num: 160000,
    max_connections: 100,
    in_recovery: false,
    extensions: [],
    role,
  });

  it('warns when Inspector connects as a superuser or a role that can write, and cannot judge without the privileges', () => {
    const superuser = run(
      monitoringRole,
      makeInput({ 'instance.facts': [facts({ role_name: 'postgres', superuser: true, monitoring_role: true, can_write: true })] }),
    );
    expect(superuser).toMatchObject([{ severity: 'warning', objects: { role: 'postgres' } }]);
    expect(
      run(monitoringRole, makeInput({ 'instance.facts': [facts({ role_name: 'monitor', superuser: false, monitoring_role: true, can_write: false })] })),
    ).toEqual([]);
    expect(monitoringRole.skipReason?.(makeInput({ 'instance.facts': [facts()] }))).toMatch(/not collected/);
  });
});
