import type { ReactNode } from 'react';

export type StatusTone = 'ok' | 'warn' | 'danger' | 'unknown';

/** The word carries the meaning; colour only repeats it, for people who cannot tell red from green. */
export function StatusBadge({ tone, children, title }: { tone: StatusTone; children: ReactNode; title?: string }) {
  return (
    <span className={`badge badge-${tone}`} title={title}>
      {children}
    </span>
  );
}
