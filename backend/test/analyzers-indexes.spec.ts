import { describe, expect, it } from 'vitest';
import { duplicateIndex } from '../src/analyzers/indexes/duplicate-index';
import { invalidIndex } from '../src/analyzers/indexes/invalid-index';
import { missingIndex } from '../src/analyzers/indexes/missing-index';
import { redundantIndex } from '../src/analyzers/indexes/redundant-index';
import { unusedIndex } from '../src/analyzers/indexes/unused-index';
import { database, daysAgo, index, makeInput, run, table } from './analyzers-fixtures';

describe(unusedIndex.id, () => {
  const orders = table();

  it('reports a large index without scans on a large table, with the DROP and the undo', () => {
    const [finding] = run(unusedIndex, makeInput({ tables: [orders], indexes: [index({ index_name: 'orders_note_idx', columns: 'note' })] }));
    expect(finding).toMatchObject({ severity: 'warning', objects: { schema: 'public', table: 'orders', index: 'orders_note_idx' } });
    expect(finding.recommendation).toContain('DROP INDEX CONCURRENTLY "public"."orders_note_idx";');
    expect(finding.recommendation).toContain('CREATE INDEX CONCURRENTLY orders_note_idx ON public.orders USING btree (note);');
  });

  it('never judges indexes that back a primary key, unique or exclusion constraint, or a foreign key', () => {
    const indexes = [
      index({ is_primary: true, is_unique: true, constraint_type: 'p', constraint_name: 'orders_pkey' }),
      index({ is_unique: true, constraint_type: 'u', constraint_name: 'orders_code_key' }),
      index({ constraint_type: 'x', constraint_name: 'orders_no_overlap' }),
      index({ is_unique: true }),
      index({ referenced_by_foreign_key: true }),
    ];
    expect(run(unusedIndex, makeInput({ tables: [orders], indexes }))).toEqual([]);
  });

  it('leaves small indexes, small tables, used and invalid indexes alone', () => {
    const indexes = [index({ size_bytes: String(1024 * 1024) }), index({ idx_scan: '12' }), index({ is_valid: false })];
    expect(run(unusedIndex, makeInput({ tables: [orders], indexes }))).toEqual([]);
    expect(run(unusedIndex, makeInput({ tables: [table({ n_live_tup: '500' })], indexes: [index()] }))).toEqual([]);
  });

  it('leaves exact duplicates to the duplicate-index analyzer', () => {
    const indexes = [index({ index_name: 'a', idx_scan: '50' }), index({ index_name: 'b' })];
    expect(run(unusedIndex, makeInput({ tables: [orders], indexes }))).toEqual([]);
  });

  it('only suggests (info) when statistics were reset recently', () => {
    const input = makeInput({ tables: [orders], indexes: [index()], databases: [database({ stats_reset: daysAgo(2) })] });
    expect(run(unusedIndex, input).map((finding) => finding.severity)).toEqual(['info']);
  });

  it('quotes identifiers that need it', () => {
    const odd = index({ schema_name: 'Sales "EU"', index_name: 'idx; DROP TABLE x', table_name: 'orders' });
    const [finding] = run(unusedIndex, makeInput({ tables: [table({ schema_name: 'Sales "EU"' })], indexes: [odd] }));
    expect(finding.recommendation).toContain('DROP INDEX CONCURRENTLY "Sales ""EU"""."idx; DROP TABLE x";');
  });
});

describe(duplicateIndex.id, () => {
  it('reports one finding per group and drops all but the one to keep', () => {
    const indexes = [
      index({ index_name: 'orders_customer_idx', idx_scan: '900' }),
      index({ index_name: 'orders_customer_idx2' }),
      index({ index_name: 'other', columns: 'total' }),
    ];
    const findings = run(duplicateIndex, makeInput({ indexes }));
    expect(findings).toHaveLength(1);
    expect(findings[0].objects).toEqual({ schema: 'public', table: 'orders', indexes: 'orders_customer_idx, orders_customer_idx2' });
    expect(findings[0].recommendation).toContain('DROP INDEX CONCURRENTLY "public"."orders_customer_idx2";');
    expect(findings[0].recommendation).not.toContain('"orders_customer_idx";');
  });

  it('keeps the unique or constraint index and drops the plain copy, even if the copy is used more', () => {
    const indexes = [
      index({ index_name: 'plain', idx_scan: '5000' }),
      index({ index_name: 'orders_customer_key', is_unique: true, constraint_type: 'u', constraint_name: 'orders_customer_key' }),
    ];
    const [finding] = run(duplicateIndex, makeInput({ indexes }));
    expect(finding.evidence).toMatchObject({ keep: 'orders_customer_key', drop: ['plain'] });
  });

  it('says nothing when every copy backs a constraint, or when the copies differ in predicate or table', () => {
    const constraints = [index({ is_primary: true, constraint_type: 'p' }), index({ is_unique: true, constraint_type: 'u' })];
    expect(run(duplicateIndex, makeInput({ indexes: constraints }))).toEqual([]);
    const different = [
      index({ index_name: 'a' }),
      index({ index_name: 'b', definition: 'CREATE INDEX b ON public.orders USING btree (customer_id) WHERE (total > 0)' }),
      index({ index_name: 'c', table_name: 'invoices' }),
    ];
    expect(run(duplicateIndex, makeInput({ indexes: different }))).toEqual([]);
  });

  it('ignores copies too small to matter', () => {
    const indexes = [index({ index_name: 'a', size_bytes: '8192' }), index({ index_name: 'b', size_bytes: '8192' })];
    expect(run(duplicateIndex, makeInput({ indexes }))).toEqual([]);
  });
});

describe(redundantIndex.id, () => {
  it('reports a btree index whose columns lead another index on the same table', () => {
    const indexes = [
      index({ index_name: 'by_customer', columns: 'customer_id' }),
      index({ index_name: 'by_customer_date', columns: 'customer_id, created_at' }),
    ];
    const findings = run(redundantIndex, makeInput({ indexes }));
    expect(findings.map((finding) => [finding.objects.index, finding.evidence.coveredBy, finding.severity])).toEqual([
      ['by_customer', 'by_customer_date', 'info'],
    ]);
  });

  it('does not judge unique, partial or INCLUDE indexes, other orders, or a different sort direction', () => {
    const longer = index({ index_name: 'long', columns: 'customer_id, created_at' });
    const cases = [
      index({ columns: 'customer_id', is_unique: true }),
      index({ columns: 'customer_id', is_partial: true }),
      index({ index_name: 'inc', definition: 'CREATE INDEX inc ON public.orders USING btree (customer_id) INCLUDE (total)' }),
      index({ columns: 'created_at' }),
      index({ columns: 'customer_id DESC' }),
    ];
    for (const candidate of cases) expect(run(redundantIndex, makeInput({ indexes: [candidate, longer] })), candidate.definition).toEqual([]);
  });

  it('handles quoted column names with commas', () => {
    const indexes = [index({ index_name: 'a', columns: '"x, y"' }), index({ index_name: 'b', columns: '"x, y", z' })];
    expect(run(redundantIndex, makeInput({ indexes })).map((finding) => finding.objects.index)).toEqual(['a']);
  });
});

describe(invalidIndex.id, () => {
  it('reports invalid indexes with a REINDEX CONCURRENTLY', () => {
    const [finding] = run(invalidIndex, makeInput({ indexes: [index({ index_name: 'broken', is_valid: false }), index()] }));
    expect(finding).toMatchObject({ severity: 'warning', objects: { index: 'broken' } });
    expect(finding.recommendation).toContain('REINDEX INDEX CONCURRENTLY "public"."broken";');
  });
});

describe(missingIndex.id, () => {
  const scanned = table({ table_name: 'events', seq_scan: '5000', seq_tup_read: String(5000 * 900_000), idx_scan: '100', n_live_tup: '1000000' });

  it('reports a large table read over and over by big sequential scans, naming statements that mention it', () => {
    const statements = [
      {
        queryid: '42',
        userid: 10,
        dbid: 16384,
        calls: '5000',
        total_exec_time_ms: 90_000,
        mean_exec_time_ms: 18,
        rows: '5000',
        shared_blks_hit: '0',
        shared_blks_read: '0',
        temp_blks_written: '0',
        query: 'SELECT * FROM events WHERE kind = $1',
      },
      {
        queryid: '43',
        userid: 10,
        dbid: 16384,
        calls: '5000',
        total_exec_time_ms: 10,
        mean_exec_time_ms: 1,
        rows: '1',
        shared_blks_hit: '0',
        shared_blks_read: '0',
        temp_blks_written: '0',
        query: 'SELECT * FROM events_archive',
      },
    ];
    const [finding] = run(missingIndex, makeInput({ tables: [scanned], statements }));
    expect(finding).toMatchObject({ severity: 'warning', objects: { schema: 'public', table: 'events' } });
    expect(finding.evidence.statements).toEqual(['42']);
    expect(finding.recommendation).toContain('CREATE INDEX CONCURRENTLY ON "public"."events" (<column>);');
  });

  it('leaves small tables, mostly indexed access and short scans alone', () => {
    const cases = [
      table({ ...scanned, n_live_tup: '5000' }),
      table({ ...scanned, idx_scan: '900000' }),
      table({ ...scanned, seq_tup_read: String(5000 * 10) }),
      table({ ...scanned, seq_scan: '12', seq_tup_read: String(12 * 900_000) }),
    ];
    for (const candidate of cases) expect(run(missingIndex, makeInput({ tables: [candidate] }))).toEqual([]);
  });
});
