import type { CreatedAccessToken } from '@inspector/contracts';
import { CopyButton } from '@/components/ui/CopyButton';

/** The token, once: the API never shows it again, so the page says so and offers to copy it. */
export function NewTokenNotice({ created, onDone }: { created: CreatedAccessToken; onDone: () => void }) {
  return (
    <section className="panel" aria-labelledby="new-token-title">
      <h2 id="new-token-title">Token “{created.name}” created</h2>
      <p role="alert" className="alert alert-warn">
        Copy this token now: it will not be shown again. Anyone holding it acts as you, within its permissions, until it expires or you revoke it.
      </p>
      <p className="new-token">
        <code aria-label="New token">{created.token}</code> <CopyButton text={created.token} label="Copy token" />
      </p>
      <p className="muted">
        Send it as <code>Authorization: Bearer {created.prefix}…</code> on any API request.
      </p>
      <div className="form-actions">
        <button type="button" onClick={onDone}>
          Done
        </button>
      </div>
    </section>
  );
}
