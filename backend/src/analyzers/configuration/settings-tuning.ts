import type { FindingDraft } from '../analyzer';
import { defineAnalyzer } from '../analyzer';
import type { AnalyzerInput } from '../input';
import { formatBytes, quoteLiteral, settingSize } from '../sql-text';

const GB = 1024 ** 3;
const UNIT_BYTES: Record<string, number> = { B: 1, kB: 1024, MB: 1024 ** 2, GB, TB: 1024 ** 4 };

/**
 * Memory, planner and parallelism settings compared with the hardware the user described on the instance. The
 * rules are the usual starting points (shared_buffers ~25 % of RAM, effective_cache_size ~75 %, work_mem small
 * enough that every connection can use it at once...), so these are suggestions, reported only when a setting is
 * far from them. Without hardware facts nothing is judged.
 */
export const settingsTuning = defineAnalyzer({
  id: 'settings-tuning',
  title: 'Settings tuning',
  category: 'settings',
  description: 'Settings far from the usual starting points for the instance’s vCPU, RAM and storage.',
  thresholdSchema: {},
  requires: ['settings'],
  skipReason: (input) => (input.hardware && Object.keys(input.hardware).length > 0 ? null : 'hardware (vCPU, RAM, storage) not set on the instance'),
  analyze(input) {
    const findings: FindingDraft[] = [];
    const ram = input.hardware?.ramGb ? input.hardware.ramGb * GB : null;
    const suggest = (name: string, value: string, why: string, restart = false) =>
      findings.push({
        severity: 'info',
        objects: { setting: name },
        title: `Consider ${name} = ${value}`,
        evidence: { current: currentText(input, name), suggested: value, hardware: input.hardware },
        recommendation: `-- ${why}\nALTER SYSTEM SET ${name} = ${quoteLiteral(value)};\n${restart ? '-- Takes effect after a restart.' : 'SELECT pg_reload_conf();'}`,
      });
    const sharedBuffers = bytesOf(input, 'shared_buffers');
    if (ram && sharedBuffers !== null && (sharedBuffers < ram * 0.15 || sharedBuffers > ram * 0.4)) {
      suggest('shared_buffers', settingSize(ram * 0.25), `About 25 % of the ${formatBytes(ram)} of RAM; now ${formatBytes(sharedBuffers)}.`, true);
    }
    const cacheSize = bytesOf(input, 'effective_cache_size');
    if (ram && cacheSize !== null && (cacheSize < ram * 0.5 || cacheSize > ram)) {
      suggest('effective_cache_size', settingSize(ram * 0.75), `The planner assumes this much file cache; about 75 % of RAM, now ${formatBytes(cacheSize)}.`);
    }
    const workMem = bytesOf(input, 'work_mem');
    const connections = input.settingNumber('max_connections');
    if (ram && workMem !== null && connections !== null && workMem * connections > ram) {
      const target = Math.max(4 * 1024 ** 2, (ram * 0.25) / connections);
      suggest(
        'work_mem',
        settingSize(target),
        `${connections} connections × ${formatBytes(workMem)} exceeds RAM; a query can even use several times work_mem.`,
      );
    }
    const maintenance = bytesOf(input, 'maintenance_work_mem');
    const maintenanceTarget = ram ? Math.min(2 * GB, ram / 16) : null;
    if (maintenanceTarget && maintenance !== null && maintenance < maintenanceTarget / 2) {
      suggest('maintenance_work_mem', settingSize(maintenanceTarget), `Vacuum and index builds go faster with more; now ${formatBytes(maintenance)}.`);
    }
    const randomPageCost = input.settingNumber('random_page_cost');
    if (input.hardware?.storageType === 'ssd' && randomPageCost !== null && randomPageCost >= 2) {
      suggest('random_page_cost', '1.1', `On SSDs random reads cost about as much as sequential ones; ${randomPageCost} makes the planner avoid index scans.`);
    }
    const vcpu = input.hardware?.vcpu;
    const parallel = input.settingNumber('max_parallel_workers');
    if (vcpu && vcpu >= 8 && parallel !== null && parallel < vcpu / 2) {
      suggest(
        'max_parallel_workers',
        String(vcpu),
        `${vcpu} vCPUs but at most ${parallel} parallel workers (raise max_worker_processes too, which needs a restart).`,
      );
    }
    return findings;
  },
});

/** A memory setting in bytes ('16384' with unit '8kB' is 128 MB). */
function bytesOf(input: AnalyzerInput, name: string): number | null {
  const row = input.setting(name);
  const match = /^(\d*)(B|kB|MB|GB|TB)$/.exec(row?.unit ?? '');
  const value = Number(row?.setting);
  if (!match || !Number.isFinite(value) || value < 0) return null;
  return value * Number(match[1] || 1) * UNIT_BYTES[match[2]];
}

function currentText(input: AnalyzerInput, name: string): string | null {
  const row = input.setting(name);
  return row ? `${row.setting}${row.unit ? ` (${row.unit})` : ''}` : null;
}
