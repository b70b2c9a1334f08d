import { SetMetadata } from '@nestjs/common';

export const BEFORE_SECOND_FACTOR = 'inspector:before-second-factor';

/**
 * Marks an `@Authenticated` route about the caller's own account (who am I, sign out, password, enrolment) that stays
 * open while AUTH_MFA_REQUIRED asks the caller to enrol a second factor; every other route answers 403 until they do.
 */
export const BeforeSecondFactor = () => SetMetadata(BEFORE_SECOND_FACTOR, true);
