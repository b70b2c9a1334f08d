import { createProviderSchema, updateProviderSchema, type Provider, type ProviderKind, type UpdateProvider } from '@inspector/contracts';
import { zodFieldErrors, type FieldErrors } from '@/lib/form-errors';
import { secretDraft, secretInputOf, secretProblem, type SecretDraft } from '@/lib/secret-draft';
import type { CreateProviderInput } from '../api/create-provider';

/** The form as typed: numbers stay text until sent, an empty base URL means the vendor's endpoint. */
export type ProviderDraft = {
  name: string;
  kind: ProviderKind;
  baseUrl: string;
  model: string;
  apiKey: SecretDraft;
  timeoutSeconds: string;
  maxTokensPerDay: string;
};

export function providerDraft(provider?: Provider): ProviderDraft {
  if (!provider) {
    return { name: '', kind: 'openai', baseUrl: '', model: '', apiKey: secretDraft('stored'), timeoutSeconds: '60', maxTokensPerDay: '' };
  }
  return {
    name: provider.name,
    kind: provider.kind,
    baseUrl: provider.baseUrl ?? '',
    model: provider.model,
    apiKey: secretDraft(provider.apiKey ? 'keep' : 'none'),
    timeoutSeconds: String(provider.timeoutSeconds),
    maxTokensPerDay: provider.maxTokensPerDay === null ? '' : String(provider.maxTokensPerDay),
  };
}

/** Text to number; an empty or non-numeric field becomes NaN, which the schema then names. */
const numberOf = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));

type Payload<T> = { body: T | null; errors: FieldErrors };

function checked<T>(
  parsed: { success: true; data: T } | { success: false; error: Parameters<typeof zodFieldErrors>[0] },
  keyProblem: string | null,
): Payload<T> {
  const errors = parsed.success ? {} : zodFieldErrors(parsed.error);
  if (keyProblem) errors.apiKey = keyProblem;
  return { body: parsed.success && !keyProblem ? parsed.data : null, errors };
}

/** What POST /assistant/providers is sent, checked with the API's own schema, or the problems per field. */
export function createPayload(draft: ProviderDraft): Payload<CreateProviderInput> {
  const apiKey = secretInputOf(draft.apiKey);
  const parsed = createProviderSchema.safeParse({
    name: draft.name,
    kind: draft.kind,
    ...(draft.baseUrl.trim() ? { baseUrl: draft.baseUrl.trim() } : {}),
    model: draft.model,
    ...(apiKey ? { apiKey } : {}),
    timeoutSeconds: numberOf(draft.timeoutSeconds),
    maxTokensPerDay: draft.maxTokensPerDay.trim() === '' ? null : numberOf(draft.maxTokensPerDay),
  });
  return checked(parsed, secretProblem(draft.apiKey, 'API key'));
}

/** What PATCH sends: every field (the key only when changed); an emptied base URL goes back to the vendor's endpoint. */
export function updatePayload(draft: ProviderDraft): Payload<UpdateProvider> {
  const apiKey = secretInputOf(draft.apiKey);
  const parsed = updateProviderSchema.safeParse({
    name: draft.name,
    baseUrl: draft.baseUrl.trim() || null,
    model: draft.model,
    ...(apiKey !== undefined ? { apiKey } : {}),
    timeoutSeconds: numberOf(draft.timeoutSeconds),
    maxTokensPerDay: draft.maxTokensPerDay.trim() === '' ? null : numberOf(draft.maxTokensPerDay),
  });
  return checked(parsed, secretProblem(draft.apiKey, 'API key'));
}
