import {
  BadRequestException,
  ConflictException,
  Inject,
  Injectable,
  Logger,
  NotFoundException,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type Plugin, type PluginSettingsRequest, pluginSettingsSchemaFor, type PluginStatus } from '@inspector/contracts';
import type { Repository } from 'typeorm';
import type { ClientContext, Principal } from '../access/principal';
import { AuditService } from '../audit/audit.service';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { PluginApprovalEntity } from './plugin-approval.entity';
import { type DiscoveredPlugin, discoverPlugins, type ValidPlugin } from './plugin-discovery';
import { PluginRuntimeService } from './plugin-runtime.service';
import { PluginSettingsService } from './plugin-settings.service';
import { fieldErrors } from '../http/api-exception.filter';

/**
 * Which plugins may run. Every read discovers the folders again and reconciles the runtime with the approvals, so a
 * plugin whose manifest or code changed on disk stops at once and waits for a new approval. Approvals live in the
 * storage that replicas share: each replica also reads them again every third of REPLICA_LEASE_SECONDS, so an approval
 * or a disable given on one replica reaches the others within that time, without a restart.
 */
@Injectable()
export class PluginsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Plugins');
  #recheck: NodeJS.Timeout | undefined;
  /** Starting and stopping plugins one change at a time: a re-check and an admin's approval never start one twice. */
  #changes: Promise<unknown> = Promise.resolve();

  constructor(
    @InjectRepository(PluginApprovalEntity) private readonly approvals: Repository<PluginApprovalEntity>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly runtime: PluginRuntimeService,
    private readonly settings: PluginSettingsService,
    private readonly audit: AuditService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.list();
    if (this.config.plugins.folders.length === 0) return;
    this.#recheck = setInterval(() => {
      this.list().catch((error: unknown) => this.logger.warn({ err: error }, 'Could not re-read the plugins and their approvals'));
    }, this.config.replicas.leaseMs / 3);
    this.#recheck.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.#recheck);
  }

  async list(): Promise<Plugin[]> {
    // Read inside the queue: approvals read before an approval was saved must not stop the plugin it just started.
    const { found, byName } = await this.oneAtATime(async () => {
      const [found, approvals] = await Promise.all([discoverPlugins(this.config.plugins.folders), this.approvals.find()]);
      const byName = new Map(approvals.map((approval) => [approval.name, approval]));
      await this.reconcile(found, byName);
      return { found, byName };
    });
    return Promise.all(found.map((plugin) => this.describe(plugin, byName.get(plugin.name))));
  }

  async approve(name: string, manifestHash: string, actor: Principal, client: ClientContext): Promise<Plugin> {
    const plugin = await this.findValid(name);
    if (plugin.manifestHash !== manifestHash) throw new ConflictException(`Plugin "${name}" changed since you reviewed it: review it again`);
    const approval: PluginApprovalEntity = { name, manifestHash, approvedBy: actor.username, approvedAt: new Date(), disabled: false, updatedAt: new Date() };
    await this.approvals.save(approval);
    // Approving again restarts a plugin that failed.
    await this.oneAtATime(() => this.start(plugin));
    await this.recordChange('plugin.approve', plugin, actor, client, { manifestHash, queries: plugin.manifest.queries.map((query) => query.name) });
    return this.describe(plugin, approval);
  }

  async disable(name: string, actor: Principal, client: ClientContext): Promise<Plugin> {
    const plugin = await this.findValid(name);
    const existing = await this.approvals.findOneBy({ name });
    const approval: PluginApprovalEntity = existing
      ? { ...existing, disabled: true, updatedAt: new Date() }
      : { name, manifestHash: null, approvedBy: null, approvedAt: null, disabled: true, updatedAt: new Date() };
    await this.approvals.save(approval);
    await this.oneAtATime(() => this.runtime.stop(name));
    await this.recordChange('plugin.disable', plugin, actor, client);
    return this.describe(plugin, approval);
  }

  /**
   * Sets the values the admin gave, checked against the plugin's manifest (400 naming each wrong field), and restarts a
   * running or failed plugin with them, so they take effect at once. Allowed whatever the plugin's status: an admin may
   * configure a plugin before approving it.
   */
  async configure(name: string, request: PluginSettingsRequest, actor: Principal, client: ClientContext): Promise<Plugin> {
    const plugin = await this.findValid(name);
    const declared = await this.settings.describe(name, plugin.manifest);
    const parsed = pluginSettingsSchemaFor(declared, this.config.secrets.envPrefix).safeParse(request);
    if (!parsed.success) throw new BadRequestException({ message: 'Validation failed', errors: fieldErrors(parsed.error) });
    const saved = await this.settings.save(name, plugin.manifest, parsed.data, actor.username);
    const approval = (await this.approvals.findOneBy({ name })) ?? undefined;
    const changed = saved.settings.length + saved.secrets.length > 0;
    if (changed && this.runtime.state(name) && isApproved(plugin, approval)) await this.oneAtATime(() => this.start(plugin));
    await this.recordChange('plugin.settings.update', plugin, actor, client, { settings: saved.settings, secrets: saved.secrets });
    return this.describe(plugin, approval);
  }

  /** An admin's change to a plugin, in the audit log with the plugin's version. */
  private async recordChange(
    action: 'plugin.approve' | 'plugin.disable' | 'plugin.settings.update',
    plugin: ValidPlugin,
    actor: Principal,
    client: ClientContext,
    details: Record<string, unknown> = {},
  ): Promise<void> {
    await this.audit.record({
      action,
      outcome: 'success',
      actor,
      client,
      target: { type: 'plugin', id: plugin.name },
      details: { version: plugin.manifest.version, ...details },
    });
  }

  private oneAtATime<T>(change: () => Promise<T>): Promise<T> {
    const next = this.#changes.catch(() => undefined).then(change);
    this.#changes = next;
    return next;
  }

  /** Starts (or restarts) the plugin with the values admins set for it. */
  private async start(plugin: ValidPlugin): Promise<void> {
    await this.runtime.start(plugin, await this.settings.values(plugin.name, plugin.manifest));
  }

  private async findValid(name: string): Promise<ValidPlugin> {
    const plugin = (await discoverPlugins(this.config.plugins.folders)).find((candidate) => candidate.name === name);
    if (!plugin) throw new NotFoundException('Plugin not found');
    if (!plugin.valid) throw new ConflictException(`Plugin "${name}" is invalid: ${plugin.problem}`);
    return plugin;
  }

  /** Runs exactly the approved, enabled plugins whose files still hash as approved; a failed one stays failed. */
  private async reconcile(found: readonly DiscoveredPlugin[], approvals: ReadonlyMap<string, PluginApprovalEntity>): Promise<void> {
    const wanted = new Map(
      found.filter((plugin): plugin is ValidPlugin => isApproved(plugin, approvals.get(plugin.name))).map((plugin) => [plugin.name, plugin]),
    );
    for (const name of this.runtime.names()) if (wanted.get(name)?.manifestHash !== this.runtime.state(name)?.manifestHash) await this.runtime.stop(name);
    for (const plugin of wanted.values()) if (!this.runtime.state(plugin.name)) await this.start(plugin);
  }

  private async describe(plugin: DiscoveredPlugin, approval: PluginApprovalEntity | undefined): Promise<Plugin> {
    const base = {
      name: plugin.name,
      folder: plugin.folder,
      approvedBy: approval?.approvedBy ?? null,
      approvedAt: approval?.approvedAt?.toISOString() ?? null,
    };
    if (!plugin.valid) {
      const empty = { collectors: [], analyzers: [], notifiers: [], tools: [] };
      return {
        ...base,
        status: 'invalid',
        problem: plugin.problem,
        version: null,
        description: '',
        manifestHash: null,
        engine: null,
        provides: empty,
        queries: [],
        settings: [],
        secrets: [],
      };
    }
    const { manifest } = plugin;
    const { status, problem } = this.statusOf(plugin, approval);
    return {
      ...base,
      status,
      problem,
      version: manifest.version,
      description: manifest.description,
      manifestHash: plugin.manifestHash,
      engine: manifest.engine,
      provides: manifest.provides,
      queries: manifest.queries,
      ...(await this.settings.describe(plugin.name, manifest)),
    };
  }

  private statusOf(plugin: ValidPlugin, approval: PluginApprovalEntity | undefined): { status: PluginStatus; problem: string | null } {
    if (approval?.disabled) return { status: 'disabled', problem: null };
    if (!approval?.manifestHash) return { status: 'pending', problem: null };
    if (approval.manifestHash !== plugin.manifestHash) return { status: 'pending', problem: 'its manifest or code changed since it was approved' };
    const runtime = this.runtime.state(plugin.name);
    if (runtime?.state === 'failed') return { status: 'failed', problem: runtime.problem };
    return { status: 'approved', problem: runtime?.problem ?? null };
  }
}

function isApproved(plugin: DiscoveredPlugin, approval: PluginApprovalEntity | undefined): boolean {
  return plugin.valid && approval !== undefined && !approval.disabled && approval.manifestHash === plugin.manifestHash;
}
