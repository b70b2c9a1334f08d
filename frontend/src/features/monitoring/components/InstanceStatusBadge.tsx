import type { CollectorStatus, instanceStatusSchema } from '@inspector/contracts';
import type { z } from 'zod';
import { StatusBadge, type StatusTone } from '@/components/ui/StatusBadge';

type InstanceState = z.infer<typeof instanceStatusSchema>['state'];

const STATES: Record<InstanceState, { tone: StatusTone; label: string }> = {
  up: { tone: 'ok', label: 'Up' },
  degraded: { tone: 'warn', label: 'Degraded' },
  down: { tone: 'danger', label: 'Down' },
  unknown: { tone: 'unknown', label: 'Not collected yet' },
};

export function InstanceStateBadge({ state }: { state: InstanceState }) {
  const { tone, label } = STATES[state];
  return <StatusBadge tone={tone}>{label}</StatusBadge>;
}

const COLLECTOR_STATES: Record<CollectorStatus['status'], { tone: StatusTone; label: string }> = {
  ok: { tone: 'ok', label: 'OK' },
  error: { tone: 'danger', label: 'Error' },
  unavailable: { tone: 'warn', label: 'Unavailable' },
  never: { tone: 'unknown', label: 'Never run' },
};

export function CollectorStateBadge({ status }: { status: CollectorStatus['status'] }) {
  const { tone, label } = COLLECTOR_STATES[status];
  return <StatusBadge tone={tone}>{label}</StatusBadge>;
}
