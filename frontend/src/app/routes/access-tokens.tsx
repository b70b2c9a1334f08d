import { AccessTokensPage } from '@/features/access-tokens/components/AccessTokensPage';
import { useInstanceChoices } from './admin/instance-choices';

/** Tokens may be narrowed to instances the user can list. */
export function AccessTokensRoute() {
  return <AccessTokensPage instances={useInstanceChoices()} />;
}
