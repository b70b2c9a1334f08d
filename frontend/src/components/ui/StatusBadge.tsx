import type { ReactNode } from 'react';

export type StatusTone = 'ok' | 'danger';

/** The word carries the meaning; colour only repeats it, for people who cannot tell red from green. */
export function StatusBadge({ tone, children }: { tone: StatusTone; children: ReactNode }) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}
