import { useState, type FormEvent } from 'react';

type RetentionFormProps = {
  id: string;
  label: string;
  days: number;
  canWrite: boolean;
  pending: boolean;
  error: Error | null;
  onSave: (days: number) => void;
};

/** A number of days to keep something, 1 to 3650, saved on its own. */
export function RetentionForm({ id, label, days, canWrite, pending, error, onSave }: RetentionFormProps) {
  const [value, setValue] = useState(String(days));
  const parsed = Number(value);
  const valid = Number.isInteger(parsed) && parsed >= 1 && parsed <= 3650;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (valid) onSave(parsed);
  };
  return (
    <form className="inline-form" onSubmit={submit} aria-label={label}>
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <input
          id={id}
          type="number"
          min={1}
          max={3650}
          value={value}
          disabled={!canWrite}
          onChange={(event) => setValue(event.target.value)}
          aria-invalid={!valid || undefined}
        />
      </div>
      {canWrite && (
        <button type="submit" disabled={!valid || parsed === days || pending}>
          {pending ? 'Saving…' : 'Save'}
        </button>
      )}
      {error && (
        <span role="alert" className="field-error">
          {error.message}
        </span>
      )}
    </form>
  );
}
