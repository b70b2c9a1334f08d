import type { AnyChannelDefinition, ChannelField } from '@inspector/contracts';
import { useId } from 'react';
import { TextField } from '@/components/ui/Field';
import type { FieldErrors } from '@/lib/form-errors';

/** Approved plugins and their notifiers, for the fields that suggest them; empty when the user may not read plugins. */
export type PluginNotifierChoices = ReadonlyArray<{ plugin: string; notifiers: readonly string[] }>;

type FieldsProps = {
  definition: AnyChannelDefinition;
  values: Record<string, string>;
  onChange: (name: string, value: string) => void;
  errors: FieldErrors;
  pluginNotifiers?: PluginNotifierChoices;
};

/** What a field offers while typing: the plugins, or the notifiers of the plugin named (of every plugin until then). */
function suggestionsFor(field: ChannelField, values: Record<string, string>, choices: PluginNotifierChoices): readonly string[] {
  if (field.suggest === 'plugins') return choices.map((choice) => choice.plugin);
  if (field.suggest !== 'plugin-notifiers') return [];
  const named = choices.find((choice) => choice.plugin === values.plugin);
  return named ? named.notifiers : [...new Set(choices.flatMap((choice) => choice.notifiers))];
}

const INPUT_TYPES: Partial<Record<ChannelField['input'], string>> = { url: 'url', email: 'email', number: 'number' };

function SelectField({ field, value, onChange, error }: { field: ChannelField; value: string; onChange: (value: string) => void; error?: string }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{field.label}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)} aria-invalid={error ? true : undefined} aria-describedby={`${id}-hint`}>
        {field.options?.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <p id={`${id}-hint`} className={error ? 'field-error' : 'field-hint'}>
        {error ?? field.hint}
      </p>
    </div>
  );
}

function SettingField({
  field,
  value,
  onChange,
  error,
  grow,
  suggestions,
}: {
  field: ChannelField;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  grow?: boolean;
  suggestions: readonly string[];
}) {
  const listId = useId();
  if (field.input === 'select') return <SelectField field={field} value={value} onChange={onChange} error={error} />;
  const offered = suggestions.length > 0;
  return (
    <>
      <TextField
        className={grow ? 'grow' : undefined}
        label={field.label}
        type={INPUT_TYPES[field.input]}
        autoComplete="off"
        spellCheck={field.input === 'number' ? undefined : false}
        placeholder={field.placeholder}
        hint={field.hint}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        error={error}
        list={offered ? listId : undefined}
      />
      {offered && (
        <datalist id={listId}>
          {suggestions.map((suggestion) => (
            <option key={suggestion} value={suggestion} />
          ))}
        </datalist>
      )}
    </>
  );
}

/** Consecutive fields naming the same row, shown side by side. */
function rowsOf(fields: readonly ChannelField[]): ChannelField[][] {
  const rows: ChannelField[][] = [];
  for (const field of fields) {
    const last = rows.at(-1);
    if (field.row !== undefined && last?.[0]?.row === field.row) last.push(field);
    else rows.push([field]);
  }
  return rows;
}

/** A channel type's settings, as its definition declares them: no per-type code, so a new type needs none. */
export function ChannelSettingsFields({ definition, values, onChange, errors, pluginNotifiers = [] }: FieldsProps) {
  const rendered = rowsOf(definition.fields).map((row) => {
    const fields = row.map((field, index) => (
      <SettingField
        key={field.name}
        field={field}
        grow={row.length > 1 && index === 0}
        value={values[field.name] ?? ''}
        onChange={(value) => onChange(field.name, value)}
        error={errors[field.name]}
        suggestions={suggestionsFor(field, values, pluginNotifiers)}
      />
    ));
    return row.length === 1 ? (
      fields
    ) : (
      <div key={row.map((field) => field.name).join(' ')} className="form-row">
        {fields}
      </div>
    );
  });
  if (rendered.length === 0) return null;
  if (!definition.fieldset) return <>{rendered}</>;
  return (
    <fieldset className="fieldset">
      <legend>{definition.fieldset}</legend>
      {rendered}
    </fieldset>
  );
}
