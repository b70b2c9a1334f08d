import type { Permission } from '@inspector/contracts';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { ErrorAlert } from '@/components/ui/ErrorAlert';
import { PermissionDenied } from '@/components/ui/PermissionDenied';
import { Loading } from '@/components/ui/States';
import { paths } from '@/config/paths';
import { useSetupStatus } from '@/features/auth/api/get-setup-status';
import { loginPath, useSessionState } from '@/lib/auth';
import { useCanAny } from '@/lib/authorization';
import { describeRequirement } from './page-catalog';

/** The pages a session limited to enrolling a second factor can use. */
const ENROLMENT_PAGES = new Set<string>([paths.twoFactor.path, paths.changePassword.path]);

/**
 * Everything but /login and /setup needs a session. Without one the user goes to first-run setup while
 * no user exists, and otherwise to the login page with `next` pointing back here (unless they logged out
 * or changed their password: then there is nothing to go back to).
 */
export function RequireAuth({ children }: { children: ReactNode }) {
  const state = useSessionState();
  const location = useLocation();
  const setup = useSetupStatus({ enabled: state.status === 'anonymous' });

  switch (state.status) {
    case 'authenticated':
      // Every other page would answer 403 until a second factor is enrolled (AUTH_MFA_REQUIRED): go where that is done.
      if (state.session.mfaEnrolmentRequired && !ENROLMENT_PAGES.has(location.pathname)) return <Navigate to={paths.twoFactor.path} replace />;
      return children;
    case 'checking':
      return (
        <div className="page-status">
          <Loading>Checking your session…</Loading>
        </div>
      );
    case 'unavailable':
      return (
        <div className="page-status">
          <ErrorAlert title="Could not check your session" error={state.error} onRetry={state.retry} retrying={state.retrying} />
        </div>
      );
    case 'anonymous': {
      if (setup.isPending) {
        return (
          <div className="page-status">
            <Loading>Loading…</Loading>
          </div>
        );
      }
      if (setup.data?.required) return <Navigate to={paths.setup.path} replace />;
      const returnHere = state.ended === null || state.ended === 'expired';
      return <Navigate to={loginPath(returnHere ? location : undefined)} replace />;
    }
  }
}

/**
 * A page that needs one of some permissions: without any, a clear permission-denied state instead of a failed
 * load, or `denied` when the page offers something better.
 */
export function RequirePermission({ anyOf, denied, children }: { anyOf: readonly Permission[]; denied?: ReactNode; children: ReactNode }) {
  if (useCanAny(anyOf)) return children;
  return (
    denied ?? (
      <>
        <title>Permission denied · Inspector</title>
        <PermissionDenied permission={describeRequirement(anyOf)} page />
      </>
    )
  );
}
