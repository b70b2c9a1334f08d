import { RequirePermission } from '@/app/guards';
import { AuditPage } from '@/features/admin/components/AuditPage';

export const AuditRoute = () => (
  <RequirePermission permission="audit:read">
    <AuditPage />
  </RequirePermission>
);
