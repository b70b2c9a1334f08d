import { createPrivateKey, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CLIENT_ID } from './oidc-provider-server.mjs';
import request from 'supertest';
import type { TestApp } from './app-harness';

export { CLIENT_ID, CLIENT_SECRET, startOidcProvider } from './oidc-provider-server.mjs';
/** Inspector's callback as the provider knows it; the test browser hands anything on this origin to supertest. */
export const INSPECTOR_ORIGIN = 'http://127.0.0.1:4999';
export const REDIRECT_URL = `${INSPECTOR_ORIGIN}/api/auth/sso/callback`;

export interface ProviderAccount {
  preferred_username: string;
  name?: string;
  groups: string[];
}

async function listening(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function closing(server: Server): () => Promise<void> {
  return () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
}

/** One scenario of the fake issuer: how the ID token it hands out differs from a good one. */
export type TokenTamper = (claims: Record<string, unknown>) => { claims: Record<string, unknown>; signWith?: 'unknown-key' };

/**
 * A tiny issuer that answers discovery, its key set and the token endpoint with an ID token built for the
 * current test, signed with a generated RSA key: for the failures a real provider will not produce.
 */
export async function startFakeIssuer(): Promise<{
  issuer: string;
  setTamper: (tamper: TokenTamper) => void;
  close: () => Promise<void>;
}> {
  const known = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });
  let tamper: TokenTamper = (claims) => ({ claims });
  let lastNonce = '';
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', issuer);
    const json = (body: unknown) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (url.pathname === '/.well-known/openid-configuration') {
      return json({
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
      });
    }
    if (url.pathname === '/jwks') return json({ keys: [{ ...known.publicKey.export({ format: 'jwk' }), kid: 'known', alg: 'RS256', use: 'sig' }] });
    if (url.pathname === '/authorize') {
      lastNonce = url.searchParams.get('nonce') ?? '';
      return res.writeHead(204).end();
    }
    if (url.pathname === '/token') {
      const now = Math.floor(Date.now() / 1000);
      const good = {
        iss: issuer,
        aud: CLIENT_ID,
        sub: 'fake-subject',
        iat: now,
        exp: now + 300,
        nonce: lastNonce,
        preferred_username: 'fake.user',
        groups: [],
      };
      const { claims, signWith } = tamper(good);
      const key = signWith === 'unknown-key' ? { kid: 'retired', privateKey: stranger.privateKey } : { kid: 'known', privateKey: known.privateKey };
      return json({ access_token: 'opaque', token_type: 'Bearer', expires_in: 300, id_token: jwt(claims, key.kid, key.privateKey) });
    }
    res.writeHead(404).end();
  });
  const issuer = await listening(server);
  return { issuer, setTamper: (next) => (tamper = next), close: closing(server) };
}

function jwt(claims: Record<string, unknown>, kid: string, privateKey: KeyObject): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${encode({ alg: 'RS256', typ: 'JWT', kid })}.${encode(claims)}`;
  return `${input}.${sign('sha256', Buffer.from(input), createPrivateKey(privateKey.export({ format: 'pem', type: 'pkcs8' }))).toString('base64url')}`;
}

/**
 * A browser in miniature: keeps cookies per origin, follows redirects, fills and submits the provider's forms
 * (login with `login`, then consent), and hands every request for Inspector's origin to the app under test.
 * Stops at the first page of the SPA (anything on Inspector's origin outside /api) and returns its URL.
 */
export class TestBrowser {
  private readonly cookies = new Map<string, Map<string, string>>();

  constructor(private readonly sut: TestApp) {}

  async signIn(login: string): Promise<URL> {
    let next: { url: URL; method: 'GET' | 'POST'; form?: URLSearchParams } = { url: new URL('/api/auth/sso/login', INSPECTOR_ORIGIN), method: 'GET' };
    for (let step = 0; step < 20; step++) {
      if (next.url.origin === INSPECTOR_ORIGIN && !next.url.pathname.startsWith('/api/')) return next.url;
      const response = await this.send(next.url, next.method, next.form);
      if (response.location) {
        next = { url: new URL(response.location, next.url), method: 'GET' };
        continue;
      }
      const form = /<form[^>]*action="([^"]+)"[^>]*method="post"/i.exec(response.body);
      if (!form) throw new Error(`no redirect and no form at ${next.url.href} (${response.status}): ${response.body.slice(0, 300)}`);
      const fields = new URLSearchParams();
      for (const [, name, value] of response.body.matchAll(/<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)) fields.set(name, value);
      if (/name="login"/.test(response.body)) fields.set('login', login);
      if (/name="password"/.test(response.body)) fields.set('password', 'any password');
      next = { url: new URL(form[1].replaceAll('&amp;', '&'), next.url), method: 'POST', form: fields };
    }
    throw new Error('too many redirects');
  }

  /** The Cookie header this browser would send to Inspector. */
  inspectorCookies(): string {
    return [...(this.cookies.get(INSPECTOR_ORIGIN) ?? new Map<string, string>())].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  private async send(url: URL, method: 'GET' | 'POST', form?: URLSearchParams): Promise<{ status: number; location?: string; body: string }> {
    const cookie = [...(this.cookies.get(url.origin) ?? new Map<string, string>())].map(([name, value]) => `${name}=${value}`).join('; ');
    if (url.origin === INSPECTOR_ORIGIN) {
      const call = method === 'GET' ? request(this.sut.server).get(url.pathname + url.search) : request(this.sut.server).post(url.pathname + url.search);
      const response = await call.set('Cookie', cookie).redirects(0);
      this.keep(url.origin, response.headers['set-cookie'] as unknown as string[] | undefined);
      return { status: response.status, location: response.headers.location, body: response.text };
    }
    const response = await fetch(url, {
      method,
      redirect: 'manual',
      headers: { cookie, ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      body: form?.toString(),
    });
    this.keep(url.origin, response.headers.getSetCookie());
    return { status: response.status, location: response.headers.get('location') ?? undefined, body: await response.text() };
  }

  private keep(origin: string, setCookies: string[] | undefined): void {
    const jar = this.cookies.get(origin) ?? new Map<string, string>();
    for (const line of setCookies ?? []) {
      const [pair, ...attributes] = line.split(';');
      const [name, ...value] = pair.trim().split('=');
      const cleared = value.join('=') === '' || attributes.some((attribute) => /^\s*(max-age=0|expires=thu, 01 jan 1970)/i.test(attribute));
      if (cleared) jar.delete(name);
      else jar.set(name, value.join('='));
    }
    this.cookies.set(origin, jar);
  }
}
