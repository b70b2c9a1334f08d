import { Navigate } from 'react-router';
import type { NavItem } from '@/components/layouts/AppLayout';
import { useCanAnyOf } from '@/lib/authorization';

/** /admin opens the first admin page the user may see (the catalog lets in only users who may see one). */
export function AdminIndexRoute({ menu }: { menu: readonly NavItem[] }) {
  const canAnyOf = useCanAnyOf();
  const first = menu.find((link) => !link.anyOf || canAnyOf(link.anyOf));
  return first ? <Navigate to={first.to} replace /> : null;
}
