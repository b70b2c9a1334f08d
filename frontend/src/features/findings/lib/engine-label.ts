import type { Engine } from '@inspector/contracts';

const ENGINE_NAMES: Record<Engine, string> = { postgres: 'PostgreSQL', mysql: 'MySQL / MariaDB' };

/** The servers an analyzer judges, as people call them: analyzers of different engines may share a title. */
export function engineLabel(engines: readonly Engine[]): string {
  return engines.map((engine) => ENGINE_NAMES[engine]).join(', ');
}
