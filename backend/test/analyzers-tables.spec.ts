import { describe, expect, it } from 'vitest';
import type { SchemaFacts } from '../src/analyzers/input';
import { deadTuples } from '../src/analyzers/tables/dead-tuples';
import { foreignKeyIndex } from '../src/analyzers/tables/foreign-key-index';
import { primaryKey } from '../src/analyzers/tables/primary-key';
import { sequences } from '../src/analyzers/tables/sequences';
import { vacuumMaintenance } from '../src/analyzers/tables/vacuum-maintenance';
import { wraparound } from '../src/analyzers/tables/wraparound';
import type { SequenceRow } from '../src/collectors/sql/schema';
import { database, daysAgo, DEFAULT_SETTINGS, makeInput, NOW, run, setting, table } from './analyzers-fixtures';

const HOUR = 3_600_000;
const schemaFacts = (facts: Partial<SchemaFacts>): SchemaFacts => ({ tables: [], foreign_keys: [], sequences: [], ...facts });

describe(deadTuples.id, () => {
  it('reports a large table that is mostly dead rows, with VACUUM and, when off, turning autovacuum back on', () => {
    const bloated = table({ n_live_tup: '100000', n_dead_tup: '300000', autovacuum_enabled: false });
    const [finding] = run(deadTuples, makeInput({ tables: [bloated] }));
    expect(finding).toMatchObject({ severity: 'warning', objects: { schema: 'public', table: 'orders' }, evidence: { deadRatio: 0.75 } });
    expect(finding.recommendation).toContain('ALTER TABLE "public"."orders" RESET (autovacuum_enabled);');
    expect(finding.recommendation).toContain('VACUUM (ANALYZE) "public"."orders";');
  });

  it('ignores small tables and a high ratio of few dead rows', () => {
    expect(run(deadTuples, makeInput({ tables: [table({ n_live_tup: '100', n_dead_tup: '300', table_size_bytes: '65536' })] }))).toEqual([]);
    expect(run(deadTuples, makeInput({ tables: [table({ n_live_tup: '10', n_dead_tup: '5000' })] }))).toEqual([]);
    expect(run(deadTuples, makeInput({ tables: [table({ n_live_tup: '1000000', n_dead_tup: '50000' })] }))).toEqual([]);
  });
});

describe(vacuumMaintenance.id, () => {
  it('is critical when autovacuum is off for the whole server', () => {
    const settings = [...DEFAULT_SETTINGS.filter((row) => row.name !== 'autovacuum'), setting('autovacuum', 'off')];
    const findings = run(vacuumMaintenance, makeInput({ tables: [], settings }));
    expect(findings.map((finding) => [finding.severity, finding.objects])).toEqual([['critical', { setting: 'autovacuum' }]]);
  });

  it('warns about a table with autovacuum disabled once it changes, not before', () => {
    const disabled = table({ autovacuum_enabled: false, n_dead_tup: '10' });
    expect(run(vacuumMaintenance, makeInput({ tables: [disabled], settings: DEFAULT_SETTINGS }))[0]).toMatchObject({
      severity: 'warning',
      title: expect.stringContaining('Autovacuum is disabled'),
    });
    expect(run(vacuumMaintenance, makeInput({ tables: [table({ autovacuum_enabled: false })], settings: DEFAULT_SETTINGS }))).toEqual([]);
  });

  it('reports vacuum overdue past autovacuum’s trigger after days without a vacuum, and stale statistics as info', () => {
    const unvacuumed = table({ n_live_tup: '100000', n_dead_tup: '50000', last_autovacuum: daysAgo(10), last_vacuum: null });
    expect(run(vacuumMaintenance, makeInput({ tables: [unvacuumed], settings: DEFAULT_SETTINGS }))[0]).toMatchObject({
      severity: 'warning',
      title: expect.stringContaining('Vacuum overdue'),
    });
    const unanalyzed = table({ n_live_tup: '100000', n_mod_since_analyze: '50000', last_autoanalyze: daysAgo(10) });
    expect(run(vacuumMaintenance, makeInput({ tables: [unanalyzed], settings: DEFAULT_SETTINGS }))[0]).toMatchObject({
      severity: 'info',
      recommendation: 'ANALYZE "public"."orders";',
    });
  });

  it('gives autovacuum time: recent vacuums, never-vacuumed tables under young statistics and small tables are fine', () => {
    const cases = [
      table({ n_live_tup: '100000', n_dead_tup: '50000', last_autovacuum: new Date(NOW.getTime() - HOUR).toISOString() }),
      table({ n_live_tup: '100000', n_dead_tup: '50000', last_autovacuum: null }),
      table({ n_live_tup: '100', n_dead_tup: '5000', last_autovacuum: null }),
    ];
    for (const candidate of cases) expect(run(vacuumMaintenance, makeInput({ tables: [candidate], settings: DEFAULT_SETTINGS }))).toEqual([]);
  });
});

describe(primaryKey.id, () => {
  it('suggests a primary key, and warns once rows are updated or deleted', () => {
    const facts = schemaFacts({
      tables: [
        { schema_name: 'public', table_name: 'log', has_primary_key: false },
        { schema_name: 'public', table_name: 'orders', has_primary_key: false },
        { schema_name: 'public', table_name: 'ok', has_primary_key: true },
      ],
    });
    const findings = run(primaryKey, makeInput({ 'schema.facts': [facts], tables: [table({ n_tup_upd: '5' }), table({ table_name: 'log' })] }));
    expect(findings.map((finding) => [finding.objects.table, finding.severity])).toEqual([
      ['log', 'info'],
      ['orders', 'warning'],
    ]);
    expect(findings[0].recommendation).toContain('ALTER TABLE "public"."log" ADD PRIMARY KEY (<column>);');
  });
});

describe(foreignKeyIndex.id, () => {
  const key = {
    schema_name: 'public',
    table_name: 'orders',
    constraint_name: 'orders_customer_fk',
    columns: ['customer_id', 'Region'],
    referenced_schema: 'public',
    referenced_table: 'customers',
    has_covering_index: false,
  };

  it('reports a foreign key without index on a large table, with the CREATE INDEX', () => {
    const [finding] = run(
      foreignKeyIndex,
      makeInput({ 'schema.facts': [schemaFacts({ foreign_keys: [key, { ...key, constraint_name: 'ok', has_covering_index: true }] })], tables: [table()] }),
    );
    expect(finding.objects).toEqual({ schema: 'public', table: 'orders', constraint: 'orders_customer_fk' });
    expect(finding.recommendation).toBe('CREATE INDEX CONCURRENTLY ON "public"."orders" ("customer_id", "Region");');
  });

  it('leaves small referencing tables (and tables too small to be in the snapshot) alone', () => {
    expect(run(foreignKeyIndex, makeInput({ 'schema.facts': [schemaFacts({ foreign_keys: [key] })], tables: [table({ n_live_tup: '50' })] }))).toEqual([]);
    expect(run(foreignKeyIndex, makeInput({ 'schema.facts': [schemaFacts({ foreign_keys: [key] })], tables: [] }))).toEqual([]);
  });
});

describe(wraparound.id, () => {
  it('follows fixed ages when no growth is measured', () => {
    const databases = [
      database({ database_name: 'a', frozen_xid_age: 600_000_000 }),
      database({ database_name: 'b', frozen_xid_age: 1_300_000_000 }),
      database({ database_name: 'c' }),
    ];
    const findings = run(wraparound, makeInput({ databases, settings: DEFAULT_SETTINGS }));
    expect(findings.map((finding) => [finding.objects.database, finding.severity])).toEqual([
      ['a', 'warning'],
      ['b', 'critical'],
    ]);
  });

  it('raises severity from the projected time left at the measured rate, once past autovacuum_freeze_max_age', () => {
    const age = 400_000_000;
    // 1,600 million IDs left at 5,000 per second: about 3.7 days.
    const series = {
      'databases.frozen_xid_age': {
        shop: [
          { at: NOW.getTime() - 10 * HOUR, value: age - 5_000 * 36_000 },
          { at: NOW.getTime(), value: age },
        ],
      },
    };
    const [finding] = run(wraparound, makeInput({ databases: [database({ frozen_xid_age: age })], settings: DEFAULT_SETTINGS }, { series }));
    expect(finding.severity).toBe('critical');
    expect(finding.evidence.secondsLeft).toBeCloseTo(1_600_000_000 / 5_000, -3);
  });

  it('does not project below autovacuum_freeze_max_age, where freezing brings the age down again', () => {
    const series = {
      'databases.frozen_xid_age': {
        shop: [
          { at: NOW.getTime() - 10 * HOUR, value: 0 },
          { at: NOW.getTime(), value: 150_000_000 },
        ],
      },
    };
    expect(run(wraparound, makeInput({ databases: [database({ frozen_xid_age: 150_000_000 })], settings: DEFAULT_SETTINGS }, { series }))).toEqual([]);
  });
});

describe(sequences.id, () => {
  const sequence = (overrides: Partial<SequenceRow>): SequenceRow => ({
    schema_name: 'public',
    sequence_name: 'orders_id_seq',
    data_type: 'bigint',
    last_value: '990',
    min_value: '1',
    max_value: '1000',
    increment_by: '1',
    cycle: false,
    remaining_fraction: 10 / 999,
    ...overrides,
  });
  const input = (rows: SequenceRow[], points?: Array<[hoursAgo: number, remaining: number]>) =>
    makeInput(
      { 'schema.facts': [schemaFacts({ sequences: rows })] },
      {
        series: points
          ? { 'schema.sequence_remaining_fraction': { 'public.orders_id_seq': points.map(([hours, value]) => ({ at: NOW.getTime() - hours * HOUR, value })) } }
          : {},
      },
    );

  it('warns from the remaining share alone until a rate is measured, and widens the range', () => {
    const [finding] = run(sequences, input([sequence({})]));
    expect(finding).toMatchObject({ severity: 'warning', objects: { schema: 'public', sequence: 'orders_id_seq' } });
    expect(finding.recommendation).toContain('ALTER SEQUENCE "public"."orders_id_seq" NO MAXVALUE;');
  });

  it('lets the projection decide: days left is critical, a sequence that does not move is only info', () => {
    expect(
      run(
        sequences,
        input(
          [sequence({})],
          [
            [24, 0.02],
            [0, 0.01],
          ],
        ),
      )[0].severity,
    ).toBe('critical');
    expect(
      run(
        sequences,
        input(
          [sequence({})],
          [
            [24 * 30, 0.09],
            [0, 0.05],
          ],
        ),
      )[0].severity,
    ).toBe('warning');
    expect(
      run(
        sequences,
        input(
          [sequence({})],
          [
            [24, 0.01],
            [0, 0.01],
          ],
        ),
      )[0].severity,
    ).toBe('info');
  });

  it('suggests a bigger type when the sequence spans its type already; ignores cycling and roomy sequences', () => {
    const [finding] = run(sequences, input([sequence({ data_type: 'integer', max_value: '2147483647', last_value: '2100000000', remaining_fraction: 0.02 })]));
    expect(finding.recommendation).toContain('ALTER SEQUENCE "public"."orders_id_seq" AS bigint;');
    expect(
      run(
        sequences,
        input([
          sequence({ cycle: true }),
          sequence({ sequence_name: 'x', remaining_fraction: 0.5 }),
          sequence({ sequence_name: 'y', remaining_fraction: null }),
        ]),
      ),
    ).toEqual([]);
  });
});
