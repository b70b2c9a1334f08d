import type { MfaChallenge } from '@inspector/contracts';
import { useState, type FormEvent } from 'react';
import { FormError, TextField } from '@/components/ui/Field';
import { useCompleteMfaLogin } from '../api/complete-mfa-login';

/** The login page's second step: the code from the authenticator app, or one of the recovery codes. */
export function SecondFactorStep({ challenge, onRestart }: { challenge: MfaChallenge; onRestart: () => void }) {
  const complete = useCompleteMfaLogin();
  const [useRecovery, setUseRecovery] = useState(false);
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const entered = value.trim();
    if (!useRecovery && !/^\d{6}$/.test(entered)) return setError('Enter the 6 digits your authenticator app shows');
    if (useRecovery && entered.length < 8) return setError('Enter one of your recovery codes');
    setError(null);
    complete.mutate(useRecovery ? { mfaToken: challenge.mfaToken, recoveryCode: entered } : { mfaToken: challenge.mfaToken, code: entered });
  };

  return (
    <>
      <p className="muted">Your account has two-factor authentication.</p>
      <FormError>{complete.error?.message}</FormError>
      <form className="form" onSubmit={submit} noValidate aria-label="Second factor">
        <TextField
          label={useRecovery ? 'Recovery code' : 'Authentication code'}
          name={useRecovery ? 'recoveryCode' : 'code'}
          autoComplete="one-time-code"
          inputMode={useRecovery ? 'text' : 'numeric'}
          autoFocus
          value={value}
          onChange={(event) => setValue(event.target.value)}
          error={error ?? undefined}
        />
        <div className="form-actions">
          <button type="submit" className="primary" disabled={complete.isPending}>
            {complete.isPending ? 'Checking…' : 'Verify'}
          </button>
          <button
            type="button"
            className="link-button"
            onClick={() => {
              setUseRecovery(!useRecovery);
              setValue('');
              setError(null);
            }}
          >
            {useRecovery ? 'Use a code from the app' : 'Use a recovery code'}
          </button>
          <button type="button" className="link-button" onClick={onRestart}>
            Start again
          </button>
        </div>
      </form>
    </>
  );
}
