import { RequirePermission } from '@/app/guards';
import { EditInstancePage } from '@/features/instances/components/EditInstancePage';
import { InstancesPage } from '@/features/instances/components/InstancesPage';
import { NewInstancePage } from '@/features/instances/components/NewInstancePage';

export const InstancesRoute = () => (
  <RequirePermission permission="instances:read">
    <InstancesPage />
  </RequirePermission>
);

export const NewInstanceRoute = () => (
  <RequirePermission permission="instances:write">
    <NewInstancePage />
  </RequirePermission>
);

export const EditInstanceRoute = () => (
  <RequirePermission permission="instances.settings:write">
    <EditInstancePage />
  </RequirePermission>
);
