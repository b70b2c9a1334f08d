import { envReferenceProblem, type SecretInput } from '@inspector/contracts';

/**
 * Where a secret should live, as chosen on a form: `keep` leaves the stored one alone (editing), `none` removes an
 * optional one (an SMTP password), the others are the API's secret sources.
 */
export type SecretMode = 'keep' | 'none' | 'stored' | 'memory' | 'env';

export type SecretDraft = { mode: SecretMode; value: string; env: string };

export const secretDraft = (mode: SecretMode = 'stored'): SecretDraft => ({ mode, value: '', env: '' });

/** What the API is sent: undefined leaves the secret as it is, null removes it. */
export function secretInputOf(draft: SecretDraft): SecretInput | null | undefined {
  switch (draft.mode) {
    case 'keep':
      return undefined;
    case 'none':
      return null;
    case 'stored':
    case 'memory':
      return { value: draft.value, source: draft.mode };
    case 'env':
      return { env: draft.env.trim() };
  }
}

/** The problem with the draft, or null. The server also applies SECRET_ENV_PREFIX, which the SPA does not know. */
export function secretProblem(draft: SecretDraft, what: string): string | null {
  switch (draft.mode) {
    case 'keep':
    case 'none':
      return null;
    case 'stored':
    case 'memory':
      if (!draft.value) return `Enter the ${what}`;
      return draft.value.length > 4096 ? 'Must be at most 4096 characters' : null;
    case 'env': {
      const name = draft.env.trim();
      if (!name) return 'Enter the name of an environment variable';
      const problem = envReferenceProblem(name, null);
      return problem && problem.charAt(0).toUpperCase() + problem.slice(1);
    }
  }
}
