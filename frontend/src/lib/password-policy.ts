import { PASSWORD_MAX_BYTES, PASSWORD_MIN_LENGTH, passwordSchema } from '@inspector/contracts';

export const PASSWORD_POLICY_HINT = `At least ${PASSWORD_MIN_LENGTH} characters, at most ${PASSWORD_MAX_BYTES} bytes, and not containing the username.`;

/**
 * The first problem with a new password, or null. The length rules come from the contract; the username
 * rule mirrors the server's (which also refuses the username reversed).
 */
export function passwordProblem(password: string, username: string): string | null {
  const parsed = passwordSchema.safeParse(password);
  if (!parsed.success) return capitalize(parsed.error.issues[0]?.message ?? 'is not allowed');
  const name = username.trim().toLowerCase();
  if (name) {
    const lowered = password.toLowerCase();
    if (lowered.includes(name) || lowered === [...name].reverse().join('')) return 'Must not contain the username';
  }
  return null;
}

export const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
