import type { CreatedAccessToken } from '@inspector/contracts';
import { CopyButton } from '@/components/ui/CopyButton';
import { TextField } from '@/components/ui/Field';

/** The token, once: the API never shows it again, so the page says so and offers to copy it. */
export function NewTokenNotice({ created, onDone }: { created: CreatedAccessToken; onDone: () => void }) {
  return (
    <section className="panel" aria-labelledby="new-token-title">
      <h2 id="new-token-title">Token “{created.name}” created</h2>
      <p role="alert" className="alert alert-warn">
        Copy this token now: it will not be shown again. Anyone holding it acts as you, within its permissions, until it expires or you revoke it.
      </p>
      {/* A read-only field: the whole token selects with one click where the clipboard is refused. */}
      <TextField
        label="Your new token"
        readOnly
        value={created.token}
        spellCheck={false}
        onFocus={(event) => event.target.select()}
        hint={
          <>
            Send it as <code>Authorization: Bearer {created.prefix}…</code> on any API request.
          </>
        }
      />
      <div className="form-actions">
        <CopyButton text={created.token} label="Copy token" />
        <button type="button" onClick={onDone}>
          Done
        </button>
      </div>
    </section>
  );
}
