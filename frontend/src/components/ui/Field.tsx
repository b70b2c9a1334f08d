import { useId, type InputHTMLAttributes, type ReactNode, type TextareaHTMLAttributes } from 'react';

type FieldText = {
  label: ReactNode;
  /** Always shown under the field: format, policy, consequences. */
  hint?: ReactNode;
  error?: string | undefined;
};

/** What a control needs to be announced with its hint and error (aria-describedby). */
type ControlAria = { id: string; 'aria-invalid': true | undefined; 'aria-describedby': string | undefined };

/** Label, error and hint around one control, wired to it whatever the control is. */
function FieldFrame({ label, hint, error, className, control }: FieldText & { className?: string | undefined; control: (aria: ControlAria) => ReactNode }) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [error ? errorId : null, hint ? hintId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      {control({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy })}
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
      {hint && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
    </div>
  );
}

type TextFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'aria-describedby' | 'aria-invalid'> & FieldText;

/** A labelled input whose hint and error are announced with it. */
export function TextField({ label, hint, error, className, ...input }: TextFieldProps) {
  return <FieldFrame label={label} hint={hint} error={error} className={className} control={(aria) => <input {...aria} {...input} />} />;
}

type TextAreaFieldProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'aria-describedby' | 'aria-invalid'> & FieldText;

/** TextField for text that keeps its line breaks (a PEM certificate), which a single-line input would drop. */
export function TextAreaField({ label, hint, error, className, ...textarea }: TextAreaFieldProps) {
  return <FieldFrame label={label} hint={hint} error={error} className={className} control={(aria) => <textarea {...aria} {...textarea} />} />;
}

/** A form-level problem (not tied to one field), announced when it appears. */
export function FormError({ children }: { children: ReactNode }) {
  if (!children) return null;
  return (
    <div role="alert" className="alert alert-danger">
      {children}
    </div>
  );
}
