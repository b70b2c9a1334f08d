import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { connectionChangeTestSchema, connectionDraftTestSchema, Engine, SecretInput, tlsInputSchema } from '@inspector/contracts';
import type { z } from 'zod';
import type { ClientContext, Principal } from '../access/principal';
import { AuditService } from '../audit/audit.service';
import {
  ConnectionConfigError,
  type ConnectionTestResult,
  type MonitoredConnection,
  type MonitorTls,
  openMonitoredConnection,
  testConnection,
} from '../collectors';
import { parseConnectionUrl } from '../collectors/connection-config';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { Secret } from '../crypto/secret';
import { SecretsService, SecretUnavailableError } from '../secrets/secrets.service';
import { connectionUrlProblem } from './connection-policy';
import { storedTls } from './connection-settings';
import { ConnectionsService, STATEMENT_TIMEOUT_MS } from './connections.service';
import { DraftTestThrottle, TooManyConnectionTestsException } from './draft-test-throttle';
import { connectionOwner, StoredConnections } from './stored-connection';

type DraftTest = z.infer<typeof connectionDraftTestSchema>;
type ChangeTest = z.infer<typeof connectionChangeTestSchema>;
type TlsInput = z.infer<typeof tlsInputSchema>;
type AuditOutcome = 'success' | 'failure' | 'denied';

/** Someone is waiting at the form: a host that does not answer is reported sooner than collection would give up. */
const DRAFT_CONNECT_TIMEOUT_MS = 5_000;

/** Env references are checked under this owner exactly as saving checks them; no value is ever kept under it. */
const DRAFT_OWNER = connectionOwner('draft');

/** What a draft resolves to, and which request field a refusal of its URL points at. */
interface DraftSettings {
  url: Secret;
  tls: MonitorTls | undefined;
  urlPath: string;
  /** A change keeps the instance's engine; a new instance's is the URL's. */
  engine?: Engine;
}

/**
 * "Test connection" on the instance form: connects with settings that are not saved (yet), under the same URL,
 * host and TLS policy as saving and the same privilege checks as the stored test, on a connection of its own that
 * is closed right after. Draft secret values live only for the request: never encrypted, stored, logged or audited.
 */
@Injectable()
export class DraftConnectionTests {
  constructor(
    private readonly stored: StoredConnections,
    private readonly connections: ConnectionsService,
    private readonly secrets: SecretsService,
    private readonly audit: AuditService,
    private readonly throttle: DraftTestThrottle,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A new instance's connection. */
  testNew(actor: Principal, draft: DraftTest, client: ClientContext): Promise<ConnectionTestResult> {
    return this.run(actor, client, null, () => ({
      url: this.open(draft.connection),
      tls: draft.tls && this.draftTls(draft.tls),
      urlPath: urlPathOf(draft.connection),
    }));
  }

  /** An instance's connection as the change would leave it: what the change leaves out is the stored setting. */
  async testChange(actor: Principal, instanceId: string, change: ChangeTest, client: ClientContext): Promise<ConnectionTestResult> {
    const stored = await this.stored.find(instanceId);
    if (!stored) throw new NotFoundException('Instance not found');
    if (change.connection === undefined && change.tls === undefined) return this.testStored(actor, client, instanceId);
    return this.run(actor, client, instanceId, () => ({
      url: change.connection ? this.open(change.connection) : this.secrets.resolve(stored.connectionSecret, connectionOwner(stored.id)),
      tls: change.tls === undefined ? storedTls(stored, this.secrets) : change.tls === null ? undefined : this.draftTls(change.tls),
      urlPath: change.connection ? urlPathOf(change.connection) : 'connection',
      engine: stored.engine,
    }));
  }

  /** Nothing unsaved: the stored test, on the instance's one connection, so this test adds no session either. */
  private async testStored(actor: Principal, client: ClientContext, instanceId: string): Promise<ConnectionTestResult> {
    let result: ConnectionTestResult;
    try {
      result = await this.connections.test(instanceId);
    } catch (error) {
      if (error instanceof BadRequestException) await this.record(actor, client, instanceId, 'denied', { draft: 'unchanged' });
      throw error;
    }
    await this.record(actor, client, instanceId, result.ok ? 'success' : 'failure', { draft: 'unchanged' });
    return result;
  }

  private async run(actor: Principal, client: ClientContext, instanceId: string | null, settings: () => DraftSettings): Promise<ConnectionTestResult> {
    const record = (outcome: AuditOutcome, details: Record<string, unknown>) =>
      this.record(actor, client, instanceId, outcome, { draft: instanceId ? 'change' : 'new', ...details });
    const budget = this.throttle.take(actor.userId ?? `session:${actor.sessionId}`);
    if (!budget.ok) {
      await record('denied', { reason: 'too many connection tests' });
      throw new TooManyConnectionTestsException(budget.retryAfterSeconds);
    }
    let draft: DraftSettings;
    try {
      draft = settings();
    } catch (error) {
      // As the stored test answers a secret it cannot open (an unset variable, a memory secret lost in a restart).
      if (!(error instanceof SecretUnavailableError)) throw error;
      await record('failure', { reason: 'credentials' });
      return { ok: false, error: error.message, warnings: [] };
    }
    const allowedHosts = this.config.monitor.allowedHosts;
    const problem = connectionUrlProblem(draft.url, allowedHosts, draft.engine);
    if (problem) {
      await record('denied', { reason: problem });
      throw rejected(draft.urlPath, problem);
    }
    const { host, port, engine } = parseConnectionUrl(draft.url);
    let connection: MonitoredConnection;
    try {
      connection = openMonitoredConnection(engine, {
        instanceId: instanceId ?? 'draft',
        url: draft.url,
        tls: draft.tls,
        allowedHosts,
        statementTimeoutMs: STATEMENT_TIMEOUT_MS,
        connectTimeoutMs: DRAFT_CONNECT_TIMEOUT_MS,
      });
    } catch (error) {
      // The URL passed above, so what is refused now is its combination with the TLS settings.
      if (!(error instanceof ConnectionConfigError)) throw error;
      await record('denied', { host, port, reason: error.message });
      throw rejected('tls', error.message);
    }
    let result: ConnectionTestResult;
    try {
      result = await testConnection(connection);
    } finally {
      await connection.close();
    }
    await record(result.ok ? 'success' : 'failure', { host, port });
    return result;
  }

  /** Who tested which instance or host, and how it went; never the URL or any other secret. */
  private record(actor: Principal, client: ClientContext, instanceId: string | null, outcome: AuditOutcome, details: Record<string, unknown>): Promise<void> {
    return this.audit.record({
      action: 'instance.connection.test',
      outcome,
      actor,
      client,
      target: instanceId ? { type: 'instance', id: instanceId } : null,
      details,
    });
  }

  /** The draft's secret for this request only: a value as given, an env reference read now under the prefix rule. */
  private open(input: SecretInput): Secret {
    if (!('env' in input)) return Secret.of(input.value);
    return this.secrets.resolve(this.secrets.seal(input, DRAFT_OWNER), DRAFT_OWNER);
  }

  private draftTls(tls: TlsInput): MonitorTls {
    return {
      mode: tls.mode,
      ca: tls.ca ? Secret.of(tls.ca) : undefined,
      cert: tls.cert ? this.open(tls.cert) : undefined,
      key: tls.key ? this.open(tls.key) : undefined,
    };
  }
}

function urlPathOf(input: SecretInput): string {
  return 'env' in input ? 'connection.env' : 'connection.value';
}

/** The answer saving gives the same settings. */
function rejected(path: string, message: string): BadRequestException {
  return new BadRequestException({ message: 'Connection rejected', errors: [{ path, message }] });
}
