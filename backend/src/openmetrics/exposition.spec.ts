import { describe, expect, it } from 'vitest';
import { counter, gauge } from '../collectors/metrics';
import { exportedMetric } from './exported-metrics';
import { exposition, formatFor } from './exposition';

const INSTANCE = { id: 'i-1', name: 'a "b"\\c\nd', up: true, findings: { critical: 0, warning: 2, info: 0 } };
const EXEC_TIME = exportedMetric({ id: 'statements' }, counter('total_exec_time_ms', 'milliseconds', 'Execution time'));
const SIZE = exportedMetric({ id: 'databases' }, gauge('size_bytes', 'bytes', 'Database size'));
const SERIES = [
  { exported: EXEC_TIME, values: [{ instanceId: 'i-1', metric: 'statements.total_exec_time_ms', object: '1:2:3', kind: 'counter' as const, value: 1500 }] },
  { exported: SIZE, values: [{ instanceId: 'i-1', metric: 'databases.size_bytes', object: 'shop', kind: 'gauge' as const, value: 8192 }] },
];

describe(formatFor.name, () => {
  it('answers OpenMetrics only to an Accept header that offers it', () => {
    expect(formatFor('application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5')).toBe('openmetrics');
    expect(formatFor('text/plain;version=0.0.4')).toBe('prometheus');
    expect(formatFor('application/openmetrics-text; q=0, text/plain')).toBe('prometheus');
    expect(formatFor(undefined)).toBe('prometheus');
  });
});

describe(exposition.name, () => {
  it('writes counters as _total in base units, and escapes label values, in the Prometheus format', async () => {
    const text = await exposition('prometheus', [INSTANCE], SERIES);
    expect(text).toContain('# TYPE inspector_statements_total_exec_time_seconds_total counter');
    expect(text).toContain('inspector_statements_total_exec_time_seconds_total{instance="a \\"b\\"\\\\c\\nd",instance_id="i-1",object="1:2:3"} 1.5');
    expect(text).toContain('inspector_databases_size_bytes{instance="a \\"b\\"\\\\c\\nd",instance_id="i-1",database="shop"} 8192');
    expect(text).toContain('inspector_findings_open{instance="a \\"b\\"\\\\c\\nd",instance_id="i-1",severity="warning"} 2');
    expect(text).toContain('inspector_instance_up{instance="a \\"b\\"\\\\c\\nd",instance_id="i-1"} 1');
    expect(text.split('\n').every((line) => !line.includes('\r'))).toBe(true);
  });

  it('names counter families without _total in OpenMetrics, and ends with # EOF', async () => {
    const text = await exposition('openmetrics', [INSTANCE], SERIES);
    expect(text).toContain('# TYPE inspector_statements_total_exec_time_seconds counter');
    expect(text).toMatch(/^inspector_statements_total_exec_time_seconds_total\{.*\} 1\.5$/m);
    expect(text.endsWith('# EOF\n')).toBe(true);
  });

  it('leaves out series of instances outside the export', async () => {
    const stranger = { ...SERIES[1]!.values[0]!, instanceId: 'someone-else' };
    const text = await exposition('prometheus', [INSTANCE], [{ exported: SIZE, values: [stranger] }]);
    expect(text).not.toContain('inspector_databases_size_bytes{');
  });
});
