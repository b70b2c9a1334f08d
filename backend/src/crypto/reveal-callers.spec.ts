import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(__dirname, '..');

/**
 * Every place that unwraps a `Secret`, as `file › function`, one entry per call. A new caller fails this test until
 * it is reviewed and added here and to the Secret row of docs/security.md.
 */
const REVIEWED_CALLERS = [
  // the monitored-database connection: URL, TLS material, and masking the password in driver errors
  'collectors/connection-config.ts › buildClientConfig',
  'collectors/connection-config.ts › parseConnectionUrl',
  'collectors/connection-config.ts › sslOptions',
  'collectors/connection-config.ts › sslOptions',
  'collectors/connection-config.ts › sslOptions',
  'collectors/guarded-connection.ts › GuardedConnection.scrub',
  'collectors/mysql/mysql-connection.ts › MysqlConnection.connect',
  // the assistant's LLM provider key, handed to the SDK that puts it in the request headers
  'assistant/language-model.ts › languageModel',
  // the single sign-on client secret, handed to openid-client, which sends it to the provider's token endpoint
  'auth/sso/oidc-client.ts › OidcClient.discover',
  // a user's TOTP secret, handed to otplib to check a code
  'auth/mfa/totp.service.ts › TotpService.acceptCode',
  // a plugin's secrets, handed to its worker as it starts (the secrets its approved manifest declares)
  'plugins/sandbox/plugin-sandbox.ts › workerSettings',
  // notifier senders, at the moment the credential goes on the wire
  'notifiers/senders/email.sender.ts › sendEmail',
  'notifiers/senders/incoming-webhook.ts › postToIncomingWebhook',
  'notifiers/senders/webhook.sender.ts › sendWebhook',
];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

function nameOf(node: ts.Node): string | null {
  const named = node as ts.Node & { name?: ts.Node };
  const own = named.name && (ts.isIdentifier(named.name) || ts.isPrivateIdentifier(named.name)) ? named.name.text : null;
  if (ts.isFunctionDeclaration(node)) return own;
  if (ts.isVariableDeclaration(node))
    return node.initializer && (ts.isArrowFunction(node.initializer) || ts.isFunctionExpression(node.initializer)) ? own : null;
  if (ts.isMethodDeclaration(node) || ts.isPropertyDeclaration(node) || ts.isGetAccessor(node) || ts.isConstructorDeclaration(node)) {
    const owner = ts.isClassLike(node.parent) && node.parent.name ? node.parent.name.text : '?';
    return `${owner}.${ts.isConstructorDeclaration(node) ? 'constructor' : own}`;
  }
  return null;
}

/** The named function, method, class field or variable that holds `node`: what a reviewer would look for. */
function enclosing(node: ts.Node): string {
  for (let current = node.parent; current; current = current.parent) {
    const name = nameOf(current);
    if (name) return name;
  }
  return '(module)';
}

/** Every `.reveal` property access (called or not), so aliasing the method cannot hide a caller. */
function revealSites(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const sites: string[] = [];
  const visit = (node: ts.Node): void => {
    const accessed = ts.isPropertyAccessExpression(node)
      ? node.name.text
      : ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression)
        ? node.argumentExpression.text
        : null;
    if (accessed === 'reveal') sites.push(`${file} › ${enclosing(node)}`);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return sites;
}

describe('Secret.reveal() callers', () => {
  it('are exactly the reviewed list: connection code and the notifier senders', () => {
    const found = sourceFiles(SRC)
      .flatMap((file) => revealSites(path.relative(SRC, file).split(path.sep).join('/'), fs.readFileSync(file, 'utf8')))
      .sort();
    expect(found).toEqual([...REVIEWED_CALLERS].sort());
  });

  it('finds a caller however it is written', () => {
    const probe = 'export function leak(s: { reveal(): string }) { const r = s["reveal"]; return s?.reveal() + r.call(s); }';
    expect(revealSites('probe.ts', probe)).toEqual(['probe.ts › leak', 'probe.ts › leak']);
    expect(revealSites('probe.ts', 'class Box { readonly #peek = () => this.s.reveal(); }')).toEqual(['probe.ts › Box.#peek']);
  });
});
