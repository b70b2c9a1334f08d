import { envReferenceProblem, type SecretDescription, type SecretInput } from '@inspector/contracts';

/** Where the connection URL should live, as chosen on the form; `keep` leaves the current one alone (edit only). */
export type ConnectionMode = 'keep' | 'stored' | 'memory' | 'env';

export type ConnectionDraft = { mode: ConnectionMode; value: string; env: string };

export const newConnectionDraft = (): ConnectionDraft => ({ mode: 'stored', value: '', env: '' });
export const keepConnectionDraft = (): ConnectionDraft => ({ mode: 'keep', value: '', env: '' });

/** What the API is sent for the draft; undefined means "leave the connection as it is". */
export function toSecretInput(draft: ConnectionDraft): SecretInput | undefined {
  switch (draft.mode) {
    case 'keep':
      return undefined;
    case 'stored':
    case 'memory':
      return { value: draft.value, source: draft.mode };
    case 'env':
      return { env: draft.env.trim() };
  }
}

/** The problem with the draft, or null. The server also applies SECRET_ENV_PREFIX, which the SPA does not know. */
export function connectionProblem(draft: ConnectionDraft): string | null {
  switch (draft.mode) {
    case 'keep':
      return null;
    case 'stored':
    case 'memory':
      if (!draft.value) return 'Enter the connection URL';
      return draft.value.length > 4096 ? 'Must be at most 4096 characters' : null;
    case 'env': {
      const name = draft.env.trim();
      if (!name) return 'Enter the name of an environment variable';
      const problem = envReferenceProblem(name, null);
      return problem && problem.charAt(0).toUpperCase() + problem.slice(1);
    }
  }
}

const sourceLabels: Record<SecretDescription['source'], string> = {
  stored: 'Stored',
  memory: 'Memory only',
  env: 'Environment variable',
};

export const connectionSourceLabel = (connection: SecretDescription) =>
  connection.source === 'env' && connection.env ? `${sourceLabels.env} ${connection.env}` : sourceLabels[connection.source];
