import { usernameSchema } from '@inspector/contracts';

/** Groups claims larger than this are cut: a mapping lookup should not take thousands of parameters. */
const MAX_GROUPS = 500;

/** The Inspector username a first sign-in gets: the provider's preferred_username, else the email address. */
export function usernameFrom(claims: Record<string, unknown>): string | null {
  for (const candidate of [claims.preferred_username, claims.email]) {
    const parsed = usernameSchema.safeParse(candidate);
    if (parsed.success) return parsed.data;
  }
  return null;
}

export function displayNameFrom(claims: Record<string, unknown>): string | null {
  return typeof claims.name === 'string' && claims.name.trim() !== '' ? claims.name.trim().slice(0, 128) : null;
}

/** The groups claim as a list: providers send an array of names, some a single string. */
export function groupsFrom(claims: Record<string, unknown>, claim: string): string[] {
  const value = claims[claim];
  const list = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
  return list.filter((group): group is string => typeof group === 'string' && group !== '').slice(0, MAX_GROUPS);
}
