import { useEffect, useState } from 'react';

type SearchBoxProps = {
  id: string;
  label: string;
  value: string;
  onSearch: (value: string) => void;
  placeholder?: string;
};

const DEBOUNCE_MS = 300;

/** A search field that asks the server once typing pauses, not at every keystroke. */
export function SearchBox({ id, label, value, onSearch, placeholder }: SearchBoxProps) {
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  useEffect(() => {
    if (draft.trim() === value) return;
    const timer = setTimeout(() => onSearch(draft.trim()), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [draft, value, onSearch]);
  return (
    <div className="field field-inline" role="search">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="search" value={draft} placeholder={placeholder} onChange={(event) => setDraft(event.target.value)} />
    </div>
  );
}
