import type { ServerSettingRow } from '../collectors/sql/instance';

/** The snapshot kind the instance collector stores pg_settings under. */
export const SERVER_SETTINGS_KIND = 'settings';

export interface SettingChange {
  name: string;
  previousValue: string | null;
  newValue: string | null;
  unit: string | null;
}

/**
 * Settings whose value differs between two snapshots, by name. A setting that appears or disappears (an extension
 * loaded, a privilege granted) is a change too; the source or a pending restart alone is not.
 */
export function settingChanges(previous: readonly ServerSettingRow[], next: readonly ServerSettingRow[]): SettingChange[] {
  const before = new Map(previous.map((row) => [row.name, row]));
  const after = new Map(next.map((row) => [row.name, row]));
  const names = [...new Set([...before.keys(), ...after.keys()])].sort();
  return names.flatMap((name) => {
    const old = before.get(name);
    const now = after.get(name);
    const previousValue = old?.setting ?? null;
    const newValue = now?.setting ?? null;
    if (old !== undefined && now !== undefined && previousValue === newValue) return [];
    return [{ name, previousValue, newValue, unit: (now ?? old)?.unit ?? null }];
  });
}
