import type { Health } from '@inspector/contracts';
import { StatusBadge, type StatusTone } from '@/components/ui/StatusBadge';

const dialectLabels: Record<Health['storage']['dialect'], string> = {
  sqlite: 'SQLite',
  postgres: 'PostgreSQL',
};

export const dialectLabel = (dialect: Health['storage']['dialect']) => dialectLabels[dialect];

export function ApiStatusBadge({ status }: { status: Health['status'] }) {
  return status === 'ok' ? <StatusBadge tone="ok">OK</StatusBadge> : <StatusBadge tone="danger">Error</StatusBadge>;
}

export function StorageStatusBadge({ status }: { status: Health['storage']['status'] }) {
  return status === 'up' ? <StatusBadge tone="ok">Up</StatusBadge> : <StatusBadge tone="danger">Down</StatusBadge>;
}

const backupBadges: Record<Health['backups']['status'], { tone: StatusTone; label: string }> = {
  off: { tone: 'unknown', label: 'Off' },
  pending: { tone: 'unknown', label: 'No run yet' },
  ok: { tone: 'ok', label: 'OK' },
  failed: { tone: 'danger', label: 'Failed' },
};

export function BackupStatusBadge({ status }: { status: Health['backups']['status'] }) {
  const { tone, label } = backupBadges[status];
  return <StatusBadge tone={tone}>{label}</StatusBadge>;
}
