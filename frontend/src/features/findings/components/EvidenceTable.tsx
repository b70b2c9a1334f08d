import { useId, useState } from 'react';
import { evidenceFields, type EvidenceField } from '../lib/evidence';

function FieldRows({ fields }: { fields: readonly EvidenceField[] }) {
  return (
    <tbody>
      {fields.map((field) => (
        <tr key={field.key}>
          <th scope="row" title={field.key}>
            {field.label}
          </th>
          <td>
            <FieldValue value={field.value} />
          </td>
        </tr>
      ))}
    </tbody>
  );
}

function FieldValue({ value }: { value: EvidenceField['value'] }) {
  if (typeof value === 'string') return value;
  if (value.length === 0) return 'none';
  const groups = Array.isArray(value[0]) ? (value as EvidenceField[][]) : [value as EvidenceField[]];
  return groups.map((fields, index) => (
    <table key={index} className="evidence-table nested">
      <FieldRows fields={fields} />
    </table>
  ));
}

/** The figures behind a finding, labelled and in units; the stored JSON one click away for whoever needs it exact. */
export function EvidenceTable({ evidence }: { evidence: Record<string, unknown> }) {
  const [raw, setRaw] = useState(false);
  const rawId = useId();
  if (Object.keys(evidence).length === 0) return null;
  return (
    <div className="evidence">
      <table className="evidence-table">
        <caption className="alert-title">Evidence</caption>
        <FieldRows fields={evidenceFields(evidence)} />
      </table>
      <button type="button" className="small" aria-expanded={raw} aria-controls={rawId} onClick={() => setRaw(!raw)}>
        {raw ? 'Hide raw evidence' : 'Show raw evidence'}
      </button>
      {raw && (
        <pre id={rawId} className="sql raw-evidence" aria-label="Raw evidence">
          {JSON.stringify(evidence, null, 2)}
        </pre>
      )}
    </div>
  );
}
