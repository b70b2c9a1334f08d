import type { Engine, SecretDescription } from '@inspector/contracts';
import { SecretFields } from '@/components/ui/SecretFields';
import type { ConnectionDraft } from './connection';
import { ConnectionSummary } from './ConnectionSummary';
import { ENGINES } from './engine';

type ConnectionFieldsProps = {
  /** The example URL and variable name follow the engine. */
  engine: Engine;
  draft: ConnectionDraft;
  onChange: (draft: ConnectionDraft) => void;
  error?: string | undefined;
  /** Editing: the connection as it is now, offered as "keep". */
  current?: SecretDescription;
};

/** The connection URL is a secret like any other: the shared secret fields, worded for a connection. */
export function ConnectionFields({ engine, draft, onChange, error, current }: ConnectionFieldsProps) {
  return (
    <SecretFields
      legend="Connection"
      valueLabel="Connection URL"
      placeholder={ENGINES[engine].urlExample}
      draft={draft}
      // Without `optional` the fields never offer "none", so every mode they report is a connection mode.
      onChange={(next) => onChange(next as ConnectionDraft)}
      error={error}
      current={current}
      keepLabel="Keep the current connection"
      currentSummary={current && <ConnectionSummary connection={current} />}
      envDescription="The server reads the URL from one of its environment variables each time it connects."
      envPlaceholder={ENGINES[engine].envExample}
      memoryWarning="Memory-only: after a server restart this instance has no connection until someone enters the URL again."
    />
  );
}
