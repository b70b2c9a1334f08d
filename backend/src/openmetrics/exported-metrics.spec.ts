import { describe, expect, it } from 'vitest';
import { COLLECTORS } from '../collectors';
import { counter, gauge } from '../collectors/metrics';
import { exportedMetric } from './exported-metrics';

describe(exportedMetric.name, () => {
  it('names metrics by collector and metric, with the unit suffix Prometheus expects', () => {
    expect(exportedMetric({ id: 'databases' }, counter('xact_commit', 'count', 'Commits'))).toEqual({
      name: 'inspector_databases_xact_commit',
      help: 'Commits',
      type: 'counter',
      scale: 1,
      objectLabel: 'database',
    });
    expect(exportedMetric({ id: 'databases' }, gauge('size_bytes', 'bytes')).name).toBe('inspector_databases_size_bytes');
    expect(exportedMetric({ id: 'replication' }, gauge('slot_retained_wal', 'bytes')).name).toBe('inspector_replication_slot_retained_wal_bytes');
    expect(exportedMetric({ id: 'instance' }, gauge('uptime', 'seconds')).name).toBe('inspector_instance_uptime_seconds');
  });

  it('exports milliseconds as seconds', () => {
    const exported = exportedMetric({ id: 'statements' }, counter('total_exec_time_ms', 'milliseconds', 'Execution time'));
    expect(exported).toMatchObject({ name: 'inspector_statements_total_exec_time_seconds', scale: 0.001, objectLabel: 'object' });
  });

  it('gives every declared metric a distinct, valid name', () => {
    const names = COLLECTORS.flatMap((collector) => collector.metrics.map((declared) => exportedMetric(collector, declared).name));
    expect(names.length).toBeGreaterThan(50);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^inspector_[a-z0-9_]+$/);
    // The two series Inspector adds beside the declared ones.
    expect(names).not.toContain('inspector_instance_up');
    expect(names.some((name) => name.startsWith('inspector_findings_open'))).toBe(false);
  });
});
