import { expandGrants, type AccessToken, type CreatedAccessToken } from '@inspector/contracts';
import { useMemo, useState } from 'react';
import { ConfirmDialog } from '@/components/ui/ConfirmDialog';
import { DataTable, type Column } from '@/components/ui/DataTable';
import { QueryState } from '@/components/ui/QueryState';
import { EmptyState } from '@/components/ui/States';
import { useSession } from '@/lib/auth';
import { formatDate, formatRelative } from '@/lib/format';
import { useAccessTokens } from '../api/get-access-tokens';
import { useRevokeAccessToken } from '../api/revoke-access-token';
import { CreateTokenForm, type InstanceChoice } from './CreateTokenForm';
import { NewTokenNotice } from './NewTokenNotice';

/** The account's personal access tokens: list, create (shown once) and revoke. */
export function AccessTokensPage({ instances }: { instances: readonly InstanceChoice[] }) {
  const session = useSession();
  const tokens = useAccessTokens();
  const revoke = useRevokeAccessToken();
  const [created, setCreated] = useState<CreatedAccessToken | null>(null);
  const [revoking, setRevoking] = useState<AccessToken | null>(null);
  const held = useMemo(() => expandGrants(session?.permissions ?? []), [session]);
  const columns = useMemo(() => tokenColumns(instances, setRevoking), [instances]);

  return (
    <>
      <title>Access tokens · Inspector</title>
      <header className="page-header">
        <h1>Access tokens</h1>
        <p className="muted">
          Personal tokens for scripts and MCP clients, sent as <code>Authorization: Bearer</code>. A token acts as you, narrowed to the permissions and
          instances you choose, and stops at once when revoked or when your account is disabled.
        </p>
      </header>
      {created && <NewTokenNotice created={created} onDone={() => setCreated(null)} />}
      <QueryState query={tokens} loading="Loading tokens…" errorTitle="Could not load your tokens">
        {(data) => (
          <DataTable
            caption="Your access tokens"
            columns={columns}
            rows={data.items}
            rowKey={(token) => token.id}
            empty={<EmptyState title="No access tokens" />}
          />
        )}
      </QueryState>
      {session?.user.emergency ? (
        <p className="alert alert-info">The emergency account cannot create access tokens: it is for interactive recovery only.</p>
      ) : (
        !created && <CreateTokenForm permissions={held} instances={instances} onCreated={setCreated} />
      )}
      <ConfirmDialog
        open={revoking !== null}
        title={`Revoke the token ${revoking?.name ?? ''}?`}
        confirmLabel="Revoke token"
        busyLabel="Revoking…"
        busy={revoke.isPending}
        onCancel={() => {
          setRevoking(null);
          revoke.reset();
        }}
        onConfirm={() => revoking && revoke.mutate(revoking.id, { onSuccess: () => setRevoking(null) })}
      >
        <p>Whatever uses it gets 401 from its next request. This cannot be undone.</p>
        {revoke.error && (
          <p role="alert" className="field-error">
            {revoke.error.message}
          </p>
        )}
      </ConfirmDialog>
    </>
  );
}

const allOfYours = <span className="muted">All of yours</span>;

function tokenColumns(instances: readonly InstanceChoice[], onRevoke: (token: AccessToken) => void): Column<AccessToken>[] {
  const nameOf = (id: string) => instances.find((instance) => instance.id === id)?.name ?? id;
  return [
    { id: 'name', header: 'Name', rowHeader: true, cell: (token) => token.name },
    { id: 'prefix', header: 'Token', cell: (token) => <code>{token.prefix}…</code> },
    {
      id: 'permissions',
      header: 'Permissions',
      cell: (token) =>
        token.permissions ? (
          <ul className="chips">
            {token.permissions.map((permission) => (
              <li key={permission} className="chip">
                <code>{permission}</code>
              </li>
            ))}
          </ul>
        ) : (
          allOfYours
        ),
    },
    { id: 'instances', header: 'Instances', cell: (token) => (token.instanceIds ? token.instanceIds.map(nameOf).join(', ') : allOfYours) },
    {
      id: 'expires',
      header: 'Expires',
      cell: (token) =>
        Date.parse(token.expiresAt) <= Date.now() ? (
          <span className="badge badge-danger">Expired</span>
        ) : (
          <time dateTime={token.expiresAt}>{formatDate(token.expiresAt)}</time>
        ),
    },
    {
      id: 'lastUsed',
      header: 'Last used',
      cell: (token) => (token.lastUsedAt ? <time dateTime={token.lastUsedAt}>{formatRelative(token.lastUsedAt)}</time> : <span className="muted">Never</span>),
    },
    {
      id: 'actions',
      header: <span className="visually-hidden">Actions</span>,
      className: 'row-actions',
      cell: (token) => (
        <button type="button" className="small danger" onClick={() => onRevoke(token)} aria-label={`Revoke ${token.name}`}>
          Revoke
        </button>
      ),
    },
  ];
}
