import type { Permission } from '@inspector/contracts';
import { holdsEverything } from '../../access/access-policy';
import type { AppConfig } from '../../config/config';

/**
 * Whether AUTH_MFA_REQUIRED asks this user to enrol before anything else. Only local password accounts have a
 * second factor here: single sign-on users rely on their provider's, and the emergency account is never asked
 * (break-glass must work when everything else is broken). "admins" are users whose global roles hold every permission.
 */
export function mustEnrolSecondFactor(
  policy: AppConfig['auth']['mfaRequired'],
  user: { local: boolean; globalGrants: readonly Permission[]; totpEnabled: boolean },
): boolean {
  if (!user.local || user.totpEnabled) return false;
  switch (policy) {
    case 'off':
      return false;
    case 'admins':
      return holdsEverything(user.globalGrants);
    case 'all':
      return true;
  }
}
