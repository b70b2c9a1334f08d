import type { FleetState } from '@inspector/contracts';
import { StatusBadge, type StatusTone } from './StatusBadge';

const FLEET_STATES: Record<FleetState, { tone: StatusTone; label: string; help: string }> = {
  down: { tone: 'danger', label: 'Down', help: 'Inspector cannot reach the server' },
  stale: { tone: 'danger', label: 'Stale', help: 'Nothing collected for longer than two missed runs' },
  degraded: { tone: 'warn', label: 'Degraded', help: 'Some collectors fail' },
  unknown: { tone: 'unknown', label: 'Not collected yet', help: 'No collector has run yet' },
  up: { tone: 'ok', label: 'Up', help: 'Collected on schedule' },
};

/** An instance's collection state in words (the board and the instance list say it the same way). */
export function FleetStateBadge({ state }: { state: FleetState }) {
  const { tone, label, help } = FLEET_STATES[state];
  return (
    <StatusBadge tone={tone} title={help}>
      {label}
    </StatusBadge>
  );
}
