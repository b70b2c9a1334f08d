import { RequirePermission } from '@/app/guards';
import { EditUserPage } from '@/features/admin/components/EditUserPage';
import { NewUserPage } from '@/features/admin/components/NewUserPage';
import { UsersPage } from '@/features/admin/components/UsersPage';
import { useInstanceChoices } from './instance-choices';

function Users() {
  return <UsersPage instances={useInstanceChoices()} />;
}

function NewUser() {
  return <NewUserPage instances={useInstanceChoices()} />;
}

function EditUser() {
  return <EditUserPage instances={useInstanceChoices()} />;
}

export const UsersRoute = () => (
  <RequirePermission permission="users:read">
    <Users />
  </RequirePermission>
);

export const NewUserRoute = () => (
  <RequirePermission permission="users:write">
    <NewUser />
  </RequirePermission>
);

export const EditUserRoute = () => (
  <RequirePermission permission="users:read">
    <EditUser />
  </RequirePermission>
);
