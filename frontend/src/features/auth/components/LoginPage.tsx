import { loginRequestSchema, SSO_FAILURE_MESSAGES, ssoFailureSchema } from '@inspector/contracts';
import { useState, type FormEvent } from 'react';
import { Link, Navigate, useSearchParams } from 'react-router';
import { FormError, TextField } from '@/components/ui/Field';
import { paths } from '@/config/paths';
import { safeNext, useLogin, useSessionState, type SessionEnd } from '@/lib/auth';
import type { FieldErrors } from '@/lib/form-errors';
import { useSetupStatus } from '../api/get-setup-status';
import { useSsoStatus } from '../api/get-sso-status';

const endNotices: Record<SessionEnd, string> = {
  expired: 'Your session has ended. Log in again to continue.',
  'password-changed': 'Your password was changed and every session ended. Log in with the new password.',
  logout: 'You have logged out.',
};

export function LoginPage() {
  const state = useSessionState();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const login = useLogin();
  const setup = useSetupStatus({ enabled: state.status === 'anonymous' });
  const sso = useSsoStatus({ enabled: state.status === 'anonymous' });
  // Only a known reason is shown: a crafted link cannot put its own words on this page.
  const ssoFailure = ssoFailureSchema.safeParse(params.get('ssoError')).data;
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});

  if (state.status === 'authenticated') return <Navigate to={next} replace />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: FieldErrors = {};
    if (!username.trim()) found.username = 'Enter your username';
    if (!password) found.password = 'Enter your password';
    setErrors(found);
    const parsed = loginRequestSchema.safeParse({ username: username.trim(), password });
    if (Object.keys(found).length > 0 || !parsed.success) return;
    login.mutate(parsed.data);
  };

  const ended = state.status === 'anonymous' ? state.ended : null;
  const passwordForm = (
    <>
      <FormError>{login.error?.message}</FormError>
      <form className="form" onSubmit={submit} noValidate aria-label="Log in">
        <TextField
          label="Username"
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          autoFocus
          value={username}
          onChange={(event) => setUsername(event.target.value)}
          error={errors.username}
        />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={errors.password}
        />
        <div className="form-actions">
          <button type="submit" className="primary" disabled={login.isPending}>
            {login.isPending ? 'Logging in…' : 'Log in'}
          </button>
        </div>
      </form>
    </>
  );
  return (
    <>
      <title>Log in · Inspector</title>
      <h1>Log in</h1>
      {ended && !login.isError && (
        <p role="status" className="alert alert-info">
          {endNotices[ended]}
        </p>
      )}
      {setup.data?.required && (
        <p className="alert alert-info">
          No user exists yet. <Link to={paths.setup.path}>Create the first admin</Link> with the setup token from the server log.
        </p>
      )}
      {ssoFailure && (
        <p role="alert" className="alert alert-danger">
          {SSO_FAILURE_MESSAGES[ssoFailure]}
        </p>
      )}
      {sso.data?.enabled && (
        <div className="form-actions">
          {/* A full page load: the server sets the attempt cookie and sends the browser to the identity provider. */}
          <a className="button primary" href="/api/auth/sso/login">
            Sign in with {sso.data.providerName}
          </a>
          {sso.data.passwordLogin && <span className="muted">or with a username and password:</span>}
        </div>
      )}
      {sso.data?.passwordLogin === false ? (
        <details>
          <summary>Emergency access</summary>
          {passwordForm}
        </details>
      ) : (
        passwordForm
      )}
    </>
  );
}
