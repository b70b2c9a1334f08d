import { EditUserPage } from '@/features/admin/components/EditUserPage';
import { NewUserPage } from '@/features/admin/components/NewUserPage';
import { UsersPage } from '@/features/admin/components/UsersPage';
import { useInstanceChoices } from './instance-choices';

export function UsersRoute() {
  return <UsersPage instances={useInstanceChoices()} />;
}

export function NewUserRoute() {
  return <NewUserPage instances={useInstanceChoices()} />;
}

export function EditUserRoute() {
  return <EditUserPage instances={useInstanceChoices()} />;
}
