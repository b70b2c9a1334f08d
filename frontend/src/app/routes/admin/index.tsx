import { Navigate } from 'react-router';
import { PermissionDenied } from '@/components/ui/PermissionDenied';
import { paths } from '@/config/paths';
import { useCan } from '@/lib/authorization';

/** /admin opens the first admin page the user may see. */
export function AdminIndexRoute() {
  const users = useCan('users:read');
  const roles = useCan('roles:read');
  const audit = useCan('audit:read');
  if (users) return <Navigate to={paths.users.path} replace />;
  if (roles) return <Navigate to={paths.roles.path} replace />;
  if (audit) return <Navigate to={paths.audit.path} replace />;
  return (
    <>
      <title>Permission denied · Inspector</title>
      <PermissionDenied permission="users:read, roles:read or audit:read" page />
    </>
  );
}
