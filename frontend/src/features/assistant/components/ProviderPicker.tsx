import type { Provider } from '@inspector/contracts';

type ProviderPickerProps = { providers: readonly Provider[]; value: string; onChange: (id: string) => void; disabled: boolean };

/** Which model answers; not shown when there is only one to choose from. */
export function ProviderPicker({ providers, value, onChange, disabled }: ProviderPickerProps) {
  if (providers.length < 2) return null;
  return (
    <div className="field chat-provider">
      <label htmlFor="assistant-provider">Model</label>
      <select id="assistant-provider" value={value} disabled={disabled} onChange={(event) => onChange(event.target.value)}>
        {providers.map((provider) => (
          <option key={provider.id} value={provider.id}>
            {provider.name} ({provider.model})
          </option>
        ))}
      </select>
    </div>
  );
}
