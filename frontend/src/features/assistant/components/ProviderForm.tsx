import { PROVIDER_KINDS, type Provider, type ProviderKind } from '@inspector/contracts';
import { useState, type FormEvent } from 'react';
import { FormError, TextField } from '@/components/ui/Field';
import { SecretFields } from '@/components/ui/SecretFields';
import { apiFieldErrors, hasErrors, type FieldErrors } from '@/lib/form-errors';
import { providerDraft, type ProviderDraft } from '../lib/provider-form';

const KIND_LABELS: Record<ProviderKind, string> = {
  openai: 'OpenAI or compatible',
  anthropic: 'Anthropic',
  google: 'Google',
};

const BASE_URL_HINTS: Record<ProviderKind, string> = {
  openai:
    'Leave empty for OpenAI itself. For a server speaking its API (Ollama, LM Studio, vLLM, llama.cpp), its address, e.g. http://127.0.0.1:11434/v1 for Ollama or http://127.0.0.1:1234/v1 for LM Studio.',
  anthropic: 'Leave empty for Anthropic’s own API; set it only for a proxy in between.',
  google: 'Leave empty for Google’s own API; set it only for a proxy in between.',
};

type ProviderFormProps = {
  provider?: Provider;
  pending: boolean;
  error: Error | null;
  onSubmit: (draft: ProviderDraft, setErrors: (errors: FieldErrors) => void) => void;
  onCancel: () => void;
};

/** A provider's model and where it runs; the API key is a secret like a connection URL, optional for local servers. */
export function ProviderForm({ provider, pending, error, onSubmit, onCancel }: ProviderFormProps) {
  const [draft, setDraft] = useState<ProviderDraft>(() => providerDraft(provider));
  const [errors, setErrors] = useState<FieldErrors>({});
  const serverErrors = apiFieldErrors(error);
  const shown = hasErrors(errors) ? errors : serverErrors;
  const set = (change: Partial<ProviderDraft>) => setDraft({ ...draft, ...change });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit(draft, setErrors);
  };

  return (
    <>
      <FormError>{error && !hasErrors(serverErrors) ? error.message : null}</FormError>
      <form className="form" onSubmit={submit} noValidate aria-label={provider ? `Edit ${provider.name}` : 'New provider'}>
        <TextField label="Name" autoComplete="off" autoFocus value={draft.name} onChange={(event) => set({ name: event.target.value })} error={shown.name} />
        <div className="field">
          <label htmlFor="provider-kind">Kind</label>
          <select
            id="provider-kind"
            value={draft.kind}
            disabled={provider !== undefined}
            aria-describedby="provider-kind-hint"
            onChange={(event) => set({ kind: event.target.value as ProviderKind })}
          >
            {PROVIDER_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {KIND_LABELS[kind]}
              </option>
            ))}
          </select>
          <p id="provider-kind-hint" className="field-hint">
            “OpenAI or compatible” also covers self-hosted models: Ollama, LM Studio, vLLM and llama.cpp’s server, through the base URL.
            {provider && ' A provider keeps its kind; add another one for a different kind.'}
          </p>
        </div>
        <TextField
          label="Base URL"
          type="url"
          autoComplete="off"
          spellCheck={false}
          placeholder="http://127.0.0.1:11434/v1"
          hint={BASE_URL_HINTS[draft.kind]}
          value={draft.baseUrl}
          onChange={(event) => set({ baseUrl: event.target.value })}
          error={shown.baseUrl}
        />
        <TextField
          label="Model"
          autoComplete="off"
          spellCheck={false}
          placeholder="llama3.1:8b"
          hint="The model’s name as the server knows it; it must support tool calls."
          value={draft.model}
          onChange={(event) => set({ model: event.target.value })}
          error={shown.model}
        />
        <SecretFields
          legend="API key"
          valueLabel="API key"
          draft={draft.apiKey}
          onChange={(apiKey) => set({ apiKey })}
          error={shown.apiKey}
          current={provider?.apiKey}
          optional
          envDescription="The server reads the key from one of its environment variables each time it asks the model."
          envPlaceholder="INSPECTOR_SECRET_OPENAI_KEY"
          memoryWarning="Memory-only: after a server restart the assistant cannot use this provider until someone enters the key again."
        />
        <p className="field-hint">Local servers (Ollama, LM Studio) usually need no key: choose “None”.</p>
        <div className="form-row">
          <TextField
            label="Timeout (seconds)"
            type="number"
            min={1}
            max={600}
            hint="For one request to the model."
            value={draft.timeoutSeconds}
            onChange={(event) => set({ timeoutSeconds: event.target.value })}
            error={shown.timeoutSeconds}
          />
          <TextField
            label="Max tokens per day"
            type="number"
            min={1}
            placeholder="No limit"
            hint="Input plus output, per UTC day; past it, questions are refused."
            value={draft.maxTokensPerDay}
            onChange={(event) => set({ maxTokensPerDay: event.target.value })}
            error={shown.maxTokensPerDay}
          />
        </div>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={pending}>
            {pending ? 'Saving…' : provider ? 'Save changes' : 'Add provider'}
          </button>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </>
  );
}
