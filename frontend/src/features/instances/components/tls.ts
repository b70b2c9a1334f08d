import { tlsInputSchema, type TlsInput } from '@inspector/contracts';
import type { FieldErrors } from '@/lib/form-errors';
import { zodFieldErrors } from '@/lib/form-errors';
import { secretDraft, secretInputOf, secretProblem, type SecretDraft } from '@/lib/secret-draft';

export type TlsMode = TlsInput['mode'];

/** `keep` leaves the stored TLS settings alone (edit), `remove` deletes them, `set` replaces them with the fields. */
export type TlsChoice = 'keep' | 'set' | 'remove';

/** `default`: no TLS settings, so the URL's sslmode or the host decides (require for a remote host). */
export type TlsDraft = { choice: TlsChoice; mode: TlsMode | 'default'; ca: string; cert: SecretDraft; key: SecretDraft };

export const newTlsDraft = (): TlsDraft => ({ choice: 'set', mode: 'default', ca: '', cert: secretDraft('none'), key: secretDraft('none') });
export const keepTlsDraft = (): TlsDraft => ({ ...newTlsDraft(), choice: 'keep' });

export const TLS_MODES: ReadonlyArray<{ mode: TlsDraft['mode']; label: string; hint: string }> = [
  { mode: 'default', label: 'Default', hint: 'The URL’s sslmode if it has one; otherwise require for a remote host and disable for localhost.' },
  { mode: 'disable', label: 'disable', hint: 'No encryption: only for a server on this host or a network you trust.' },
  { mode: 'require', label: 'require', hint: 'Encrypted, but any server certificate is accepted (unless you give a CA below).' },
  { mode: 'verify-ca', label: 'verify-ca', hint: 'Encrypted; the certificate must come from the CA below (or a system CA).' },
  { mode: 'verify-full', label: 'verify-full', hint: 'Encrypted; the certificate must come from a trusted CA and name the URL’s host. The safest.' },
];

/** What the API is sent: undefined leaves the TLS settings as they are, null removes them. */
export function toTlsInput(draft: TlsDraft): TlsInput | null | undefined {
  if (draft.choice === 'keep') return undefined;
  if (draft.choice === 'remove' || draft.mode === 'default') return null;
  const ca = draft.ca.trim();
  const cert = secretInputOf(draft.cert);
  const key = secretInputOf(draft.key);
  return { mode: draft.mode, ...(ca ? { ca } : {}), ...(cert ? { cert } : {}), ...(key ? { key } : {}) };
}

/** Problems by field (tls, tlsCa, tlsCert, tlsKey), checked with the contract's schema where it has a rule. */
export function tlsProblems(draft: TlsDraft): FieldErrors {
  if (draft.choice !== 'set') return {};
  const hasMaterial = draft.ca.trim() !== '' || draft.cert.mode !== 'none' || draft.key.mode !== 'none';
  if (draft.mode === 'default') return hasMaterial ? { tls: 'Choose a TLS mode to use these certificates' } : {};
  const errors: FieldErrors = {
    tlsCert: secretProblem(draft.cert, 'client certificate') ?? undefined,
    tlsKey: secretProblem(draft.key, 'client key') ?? undefined,
  };
  if ((draft.cert.mode === 'none') !== (draft.key.mode === 'none')) errors.tlsKey ??= 'A client certificate and its key go together';
  const parsed = tlsInputSchema.safeParse(toTlsInput(draft));
  if (!parsed.success) {
    const schemaErrors = zodFieldErrors(parsed.error, (path) =>
      path.startsWith('ca') ? 'tlsCa' : path.startsWith('cert') ? 'tlsCert' : path.startsWith('key') ? 'tlsKey' : 'tls',
    );
    for (const [field, message] of Object.entries(schemaErrors)) errors[field] ??= message;
  }
  return errors;
}
