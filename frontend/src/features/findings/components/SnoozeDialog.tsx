import { useId, useState, type FormEvent } from 'react';
import { Dialog, useModal } from '@/components/ui/ConfirmDialog';

const HOUR = 3_600_000;
const PRESETS = [
  { label: '1 hour', ms: HOUR },
  { label: '1 day', ms: 24 * HOUR },
  { label: '1 week', ms: 7 * 24 * HOUR },
] as const;

/** An instant as a datetime-local value: the user's wall clock, to the minute. */
export function toLocalInput(ms: number): string {
  const date = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

type SnoozeDialogProps = {
  open: boolean;
  title: string;
  busy: boolean;
  error: Error | null;
  onSnooze: (untilIso: string) => void;
  onCancel: () => void;
};

/** Picks when a snoozed finding comes back, in the user's time zone; sent as an instant. */
export function SnoozeDialog({ open, title, busy, error, onSnooze, onCancel }: SnoozeDialogProps) {
  const ref = useModal(open);
  const titleId = useId();
  const inputId = useId();
  const [value, setValue] = useState(() => toLocalInput(Date.now() + 24 * HOUR));
  const [problem, setProblem] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const until = new Date(value);
    if (!value || Number.isNaN(until.getTime())) return setProblem('Choose a date and time');
    if (until.getTime() <= Date.now()) return setProblem('Choose a time in the future');
    setProblem(null);
    onSnooze(until.toISOString());
  };

  return (
    <Dialog dialogRef={ref} titleId={titleId} onCancel={onCancel}>
      <form onSubmit={submit}>
        <h2 id={titleId} className="dialog-title">
          Snooze “{title}”
        </h2>
        <div className="dialog-body">
          <p>It stays out of the default list until then, and comes back by itself if the problem is still there.</p>
          <div className="actions" role="group" aria-label="Quick choices">
            {PRESETS.map((preset) => (
              <button key={preset.label} type="button" className="small" onClick={() => setValue(toLocalInput(Date.now() + preset.ms))}>
                {preset.label}
              </button>
            ))}
          </div>
          <div className="field">
            <label htmlFor={inputId}>Until</label>
            <input
              id={inputId}
              type="datetime-local"
              value={value}
              onChange={(event) => setValue(event.target.value)}
              aria-invalid={problem ? true : undefined}
            />
            <p className="field-hint">Your time zone: {Intl.DateTimeFormat().resolvedOptions().timeZone}</p>
          </div>
          {(problem ?? error) && (
            <p role="alert" className="field-error">
              {problem ?? error?.message}
            </p>
          )}
        </div>
        <div className="dialog-actions">
          <button type="button" onClick={onCancel} disabled={busy} autoFocus>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Snoozing…' : 'Snooze'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
