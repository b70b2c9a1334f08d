import type { Provider } from '@inspector/contracts';
import { useState } from 'react';
import { DataTable, type Column } from '@/components/ui/DataTable';
import { QueryState } from '@/components/ui/QueryState';
import { SecretSummary } from '@/components/ui/SecretFields';
import { EmptyState } from '@/components/ui/States';
import { formatInteger } from '@/lib/format';
import { useCreateProvider } from '../api/create-provider';
import { useProviders } from '../api/get-providers';
import { useUpdateProvider } from '../api/update-provider';
import { createPayload, updatePayload } from '../lib/provider-form';
import { ProviderActions } from './ProviderActions';
import { ProviderForm } from './ProviderForm';

/** Which form is open: none, a new provider's, or one provider's. */
type Editing = null | 'new' | Provider;

const KIND_NAMES = { openai: 'OpenAI-compatible', anthropic: 'Anthropic', google: 'Google' } as const;

/** Where the assistant's language models are: list, add, change, test and delete. */
export function ProvidersPage() {
  const providers = useProviders();
  const [editing, setEditing] = useState<Editing>(null);
  const columns = providerColumns(setEditing);
  return (
    <>
      <title>Assistant providers · Inspector</title>
      <header className="page-header page-header-actions">
        <div>
          <h1>Assistant providers</h1>
          <p className="muted">
            The language models the assistant asks. A local server (Ollama, LM Studio, vLLM) keeps every question on your network; a hosted provider receives
            the questions and the data its tools read.
          </p>
        </div>
        {editing === null && (
          <button type="button" className="primary" onClick={() => setEditing('new')}>
            Add provider
          </button>
        )}
      </header>
      {editing !== null && <ProviderEditor key={editing === 'new' ? 'new' : editing.id} editing={editing} onClose={() => setEditing(null)} />}
      <QueryState
        query={providers}
        loading="Loading providers…"
        errorTitle="Could not load the providers"
        isEmpty={(data) => data.items.length === 0}
        empty={
          <EmptyState title="No provider configured">
            <p className="muted">Inspector makes no outbound call to a model until you add one.</p>
          </EmptyState>
        }
      >
        {(data) => <DataTable caption="Assistant providers" columns={columns} rows={data.items} rowKey={(provider) => provider.id} />}
      </QueryState>
    </>
  );
}

function ProviderEditor({ editing, onClose }: { editing: 'new' | Provider; onClose: () => void }) {
  const create = useCreateProvider();
  const update = useUpdateProvider();
  const provider = editing === 'new' ? undefined : editing;
  const mutation = provider ? update : create;
  return (
    <section className="panel form-panel" aria-label={provider ? `Edit ${provider.name}` : 'New provider'}>
      <h2>{provider ? `Edit ${provider.name}` : 'New provider'}</h2>
      <ProviderForm
        provider={provider}
        pending={mutation.isPending}
        error={mutation.error}
        onCancel={onClose}
        onSubmit={(draft, setErrors) => {
          if (provider) {
            const { body, errors } = updatePayload(draft);
            setErrors(errors);
            if (body) update.mutate({ id: provider.id, body }, { onSuccess: onClose });
          } else {
            const { body, errors } = createPayload(draft);
            setErrors(errors);
            if (body) create.mutate(body, { onSuccess: onClose });
          }
        }}
      />
    </section>
  );
}

function usage(provider: Provider): string {
  const used = formatInteger(provider.tokensUsedToday);
  return provider.maxTokensPerDay === null ? `${used} (no limit)` : `${used} / ${formatInteger(provider.maxTokensPerDay)}`;
}

function providerColumns(onEdit: (provider: Provider) => void): Column<Provider>[] {
  return [
    { id: 'name', header: 'Name', rowHeader: true, cell: (provider) => provider.name },
    { id: 'kind', header: 'Kind', className: 'nowrap', cell: (provider) => KIND_NAMES[provider.kind] },
    { id: 'model', header: 'Model', cell: (provider) => <code>{provider.model}</code> },
    {
      id: 'baseUrl',
      header: 'Base URL',
      className: 'target-cell',
      cell: (provider) => (provider.baseUrl ? <code>{provider.baseUrl}</code> : <span className="muted">Vendor’s endpoint</span>),
    },
    { id: 'key', header: 'API key', cell: (provider) => (provider.apiKey ? <SecretSummary secret={provider.apiKey} /> : <span className="muted">None</span>) },
    { id: 'usage', header: 'Tokens today', align: 'end', className: 'nowrap', cell: usage },
    {
      id: 'actions',
      header: <span className="visually-hidden">Actions</span>,
      className: 'row-actions',
      cell: (provider) => <ProviderActions provider={provider} onEdit={() => onEdit(provider)} />,
    },
  ];
}
