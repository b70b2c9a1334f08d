// A real OpenID Connect provider (oidc-provider) on loopback with its stock login page, for the single sign-on tests:
// imported by oidc-fixtures.ts (backend tests), run as a process by frontend/e2e/sso.e2e.ts, which cannot import it.
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';
import Provider from 'oidc-provider';

export const CLIENT_ID = 'inspector';
export const CLIENT_SECRET = 'inspector-client-secret-0123456789abcdef';

/**
 * Starts the provider for one Inspector origin (its callback and post-logout page registered); `accounts` maps a
 * login to its claims and may change between sign-ins.
 */
export async function startOidcProvider(accounts, inspectorOrigin) {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        redirect_uris: [`${inspectorOrigin}/api/auth/sso/callback`],
        post_logout_redirect_uris: [`${inspectorOrigin}/login`],
        response_types: ['code'],
        grant_types: ['authorization_code'],
      },
    ],
    claims: { openid: ['sub'], profile: ['name', 'preferred_username', 'groups'] },
    findAccount: (_ctx, id) => {
      const account = accounts.get(id);
      return account ? { accountId: id, claims: () => ({ sub: id, ...account }) } : undefined;
    },
    cookies: { keys: ['oidc-provider-test-cookie-key-0123456789'] },
  });
  server.on('request', provider.callback());
  const close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return { issuer, close };
}

// As a process: `node oidc-provider-server.mjs <inspector origin>` with one account, alice in group dba; prints the issuer.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const accounts = new Map([['alice', { preferred_username: 'alice', name: 'Alice Example', groups: ['dba'] }]]);
  const { issuer } = await startOidcProvider(accounts, process.argv[2]);
  console.log(`issuer: ${issuer}`);
}
