import { totpEnrolmentSchema } from '@inspector/contracts';
import { useMutation } from '@tanstack/react-query';
import { apiPost } from '@/lib/api-client';

/** A new pending secret and its QR code; nothing changes at sign-in until a code confirms it. */
export const startTotpEnrolment = () => apiPost('/auth/mfa/totp/enrol', totpEnrolmentSchema);

export const useStartTotpEnrolment = () => useMutation({ mutationFn: startTotpEnrolment });
