import type { TotpEnrolment } from '@inspector/contracts';
import { useState, type FormEvent } from 'react';
import { CopyButton } from '@/components/ui/CopyButton';
import { FormError, TextField } from '@/components/ui/Field';
import { QueryState } from '@/components/ui/QueryState';
import { useConfirmTotpEnrolment } from '../api/confirm-totp-enrolment';
import { useMfaStatus } from '../api/get-mfa-status';
import { useStartTotpEnrolment } from '../api/start-totp-enrolment';

/** The account's second factor: its state, enrolment (QR code, first code) and the recovery codes, shown once. */
export function TwoFactorPage() {
  const status = useMfaStatus();
  const start = useStartTotpEnrolment();
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);

  return (
    <>
      <title>Two-factor authentication · Inspector</title>
      <header className="page-header">
        <h1>Two-factor authentication</h1>
        <p className="muted">After your password, Inspector asks for a code from an authenticator app on your phone.</p>
      </header>
      <QueryState query={status} loading="Loading…" errorTitle="Could not load your second factor">
        {(mfa) => {
          if (recoveryCodes) return <RecoveryCodes codes={recoveryCodes} />;
          if (!mfa.available)
            return (
              <p className="alert alert-info">
                Two-factor authentication here is for local password accounts. Single sign-on accounts use their identity provider’s; the emergency account has
                none.
              </p>
            );
          if (mfa.totpEnabled)
            return (
              <p role="status" className="alert alert-info">
                Two-factor authentication is on. Lost your phone and your recovery codes? Ask an admin to reset your second factor.
              </p>
            );
          return (
            <section className="panel form-panel">
              {mfa.enrolmentRequired && (
                <p role="alert" className="alert alert-warn">
                  Your administrator requires a second factor: enrol one to use Inspector.
                </p>
              )}
              <FormError>{start.error?.message}</FormError>
              {start.data ? (
                <Enrolment enrolment={start.data} onConfirmed={setRecoveryCodes} />
              ) : (
                <div className="form-actions">
                  <button type="button" className="primary" onClick={() => start.mutate()} disabled={start.isPending}>
                    {start.isPending ? 'Starting…' : 'Set up an authenticator app'}
                  </button>
                </div>
              )}
            </section>
          );
        }}
      </QueryState>
    </>
  );
}

function Enrolment({ enrolment, onConfirmed }: { enrolment: TotpEnrolment; onConfirmed: (codes: string[]) => void }) {
  const confirm = useConfirmTotpEnrolment();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!/^\d{6}$/.test(code.trim())) return setError('Enter the 6 digits your authenticator app shows');
    setError(null);
    // Not mutate's per-call onSuccess: the status refetch that success triggers can unmount this form first, and the
    // codes would be lost. The page above keeps them; a failure shows through confirm.error.
    void confirm.mutateAsync(code.trim()).then(
      (response) => onConfirmed(response.recoveryCodes),
      () => undefined,
    );
  };
  return (
    <>
      <p>1. Scan this QR code with your authenticator app.</p>
      <img src={enrolment.qrDataUrl} alt="QR code for your authenticator app" width={200} height={200} />
      <p className="muted">
        Or type this key: <code>{enrolment.secret}</code>
      </p>
      <FormError>{confirm.error?.message}</FormError>
      <form className="form" onSubmit={submit} noValidate aria-label="Confirm authenticator">
        <TextField
          label="2. Enter the code the app shows"
          name="code"
          autoComplete="one-time-code"
          inputMode="numeric"
          value={code}
          onChange={(event) => setCode(event.target.value)}
          error={error ?? undefined}
        />
        <div className="form-actions">
          <button type="submit" className="primary" disabled={confirm.isPending}>
            {confirm.isPending ? 'Checking…' : 'Turn on'}
          </button>
        </div>
      </form>
    </>
  );
}

function RecoveryCodes({ codes }: { codes: string[] }) {
  return (
    <section className="panel">
      <p role="status" className="alert alert-info">
        Two-factor authentication is on. Save these recovery codes now: each signs you in once without your phone, and they are not shown again.
      </p>
      <ul aria-label="Recovery codes" className="recovery-codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <CopyButton text={codes.join('\n')} label="Copy recovery codes" />
    </section>
  );
}
