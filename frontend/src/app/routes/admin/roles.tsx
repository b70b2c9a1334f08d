import { RequirePermission } from '@/app/guards';
import { RoleEditorPage } from '@/features/admin/components/RoleEditorPage';
import { RolesPage } from '@/features/admin/components/RolesPage';

export const RolesRoute = () => (
  <RequirePermission permission="roles:read">
    <RolesPage />
  </RequirePermission>
);

export const NewRoleRoute = () => (
  <RequirePermission permission="roles:write">
    <RoleEditorPage />
  </RequirePermission>
);

export const RoleRoute = () => (
  <RequirePermission permission="roles:read">
    <RoleEditorPage />
  </RequirePermission>
);
