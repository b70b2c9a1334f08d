import { describe, expect, it } from 'vitest';
import type { ServerSettingRow } from '../collectors/sql/instance';
import { settingChanges } from './setting-changes';

const row = (name: string, setting: string | null, extra: Partial<ServerSettingRow> = {}): ServerSettingRow => ({
  name,
  setting,
  unit: null,
  source: 'default',
  pending_restart: false,
  ...extra,
});

describe('settingChanges', () => {
  it('reports changed, added and removed settings by name, with their unit', () => {
    const before = [row('work_mem', '4096', { unit: 'kB' }), row('jit', 'on'), row('pg_stat_statements.max', '5000')];
    const after = [row('work_mem', '65536', { unit: 'kB', source: 'configuration file' }), row('jit', 'on'), row('auto_explain.log_min_duration', '-1')];
    expect(settingChanges(before, after)).toEqual([
      { name: 'auto_explain.log_min_duration', previousValue: null, newValue: '-1', unit: null },
      { name: 'pg_stat_statements.max', previousValue: '5000', newValue: null, unit: null },
      { name: 'work_mem', previousValue: '4096', newValue: '65536', unit: 'kB' },
    ]);
  });

  it('ignores a new source or a pending restart when the value is the same', () => {
    expect(settingChanges([row('shared_buffers', '16384')], [row('shared_buffers', '16384', { source: 'configuration file', pending_restart: true })])).toEqual(
      [],
    );
  });
});
