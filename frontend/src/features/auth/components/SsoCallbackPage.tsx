import { useEffect, useRef, useState } from 'react';
import { Link, Navigate } from 'react-router';
import { paths } from '@/config/paths';
import { useExchangeSsoCode } from '../api/exchange-sso-code';

/**
 * Where the server's sign-in callback sends the browser: `#code=…` is traded once for a session, and the fragment
 * is wiped from the address bar and history first, so a used code is all that could ever be seen there.
 */
export function SsoCallbackPage() {
  const [code] = useState(() => new URLSearchParams(window.location.hash.slice(1)).get('code'));
  const exchange = useExchangeSsoCode();
  const started = useRef(false);

  useEffect(() => {
    // Strict mode runs effects twice; a code works once.
    if (started.current) return;
    started.current = true;
    window.history.replaceState(null, '', window.location.pathname);
    if (code) exchange.mutate(code);
  }, [code, exchange]);

  if (exchange.isSuccess) return <Navigate to={paths.overview.path} replace />;
  const failure = code === null ? 'no sign-in code arrived' : exchange.error?.message;
  return (
    <>
      <title>Signing in · Inspector</title>
      <h1>Signing in</h1>
      {failure ? (
        <>
          <p role="alert" className="alert alert-danger">
            Sign-in failed: {failure}
          </p>
          <Link to={paths.login.path}>Back to the login page</Link>
        </>
      ) : (
        <p role="status">Signing you in…</p>
      )}
    </>
  );
}
