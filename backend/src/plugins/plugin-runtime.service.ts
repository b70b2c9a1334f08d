import { Inject, Injectable, Logger, type OnApplicationShutdown, Optional } from '@nestjs/common';
import type { Engine } from '@inspector/contracts';
import type { PluginKind, PluginNotification, PluginParts } from '@inspector/plugin-sdk';
import { setPluginCollectors } from '../collectors';
import { registerPluginQueries, unregisterPluginQueries } from '../collectors/sql/registry';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { pluginCollectors } from './plugin-collectors';
import { pluginDataFolder, pluginFileWriter } from './sandbox/plugin-files';
import type { ValidPlugin } from './plugin-discovery';
import type { PluginValues } from './plugin-settings.service';
import { PLUGIN_QUERY_RUNNER, type PluginQueryRunner } from './sandbox/plugin-query-runner';
import { PluginSandbox, PluginUnavailableError } from './sandbox/plugin-sandbox';

/** What the runtime knows of one approved plugin, keyed to the hash it was started from. */
export interface RuntimeState {
  manifestHash: string;
  state: 'running' | 'failed';
  problem: string | null;
}

interface Running {
  manifestHash: string;
  engine: Engine;
  sandbox: PluginSandbox | null;
  problem: string | null;
  /** Set by the last call that the plugin's own code failed; cleared by the next success. */
  lastCallError: string | null;
}

/**
 * Runs approved plugins, one sandbox each. It never decides what may run: the plugins service starts and stops
 * plugins from the stored approvals. Everything else (collection, analysis, notifiers, the assistant) calls
 * plugins through `invoke`, which refuses a plugin that is not running.
 */
@Injectable()
export class PluginRuntimeService implements OnApplicationShutdown {
  private readonly logger = new Logger('Plugins');
  private readonly running = new Map<string, Running>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() @Inject(PLUGIN_QUERY_RUNNER) private readonly runner: PluginQueryRunner | null,
  ) {}

  state(name: string): RuntimeState | undefined {
    const entry = this.running.get(name);
    if (!entry) return undefined;
    return { manifestHash: entry.manifestHash, state: entry.sandbox ? 'running' : 'failed', problem: entry.problem ?? entry.lastCallError };
  }

  /** Starts the plugin (restarting it if it runs or failed) with `values`; resolves once its code loaded or it failed. */
  async start(plugin: ValidPlugin, values: PluginValues): Promise<void> {
    await this.stop(plugin.name);
    const { provides, queries, engine } = plugin.manifest;
    const entry: Running = { manifestHash: plugin.manifestHash, engine, sandbox: null, problem: null, lastCallError: null };
    this.running.set(plugin.name, entry);
    const sandboxPlugin = { name: plugin.name, codeFile: plugin.codeFile, code: plugin.code, provides, queries, ...values };
    try {
      entry.sandbox = await PluginSandbox.start(
        sandboxPlugin,
        this.runner,
        this.config.plugins.limits,
        {
          onFailure: (problem) => {
            entry.sandbox = null;
            entry.problem = problem;
            this.withdraw(plugin.name);
            this.logger.warn({ plugin: plugin.name, problem }, 'plugin stopped by its sandbox');
          },
          onLog: (level, message) => this.logger[level === 'info' ? 'log' : level]({ plugin: plugin.name, message }, 'plugin log'),
        },
        pluginFileWriter(pluginDataFolder(this.config.dataDir, plugin.name)),
      );
      this.offer(plugin.name, entry);
    } catch (error) {
      entry.problem ??= error instanceof Error ? error.message : String(error);
    }
  }

  async stop(name: string): Promise<void> {
    const entry = this.running.get(name);
    this.running.delete(name);
    this.withdraw(name);
    await entry?.sandbox?.stop();
  }

  /** Delivers one notification through a running plugin's notifier (the `plugin` channel type). */
  async notify(plugin: string, notifier: string, notification: PluginNotification): Promise<void> {
    const provides = this.running.get(plugin)?.sandbox?.plugin.provides;
    if (provides && !provides.notifiers.includes(notifier)) throw new PluginUnavailableError(`plugin "${plugin}" provides no notifier "${notifier}"`);
    await this.invoke(plugin, 'notifiers', notifier, notification);
  }

  /** The tools of running plugins, as their code declares them. */
  tools(): Array<{ plugin: string; name: string; description: string; parameters: Record<string, unknown> }> {
    return [...this.running].flatMap(([plugin, entry]) =>
      Object.entries(entry.sandbox?.parts.tools ?? {}).map(([name, part]) => ({ plugin, name, description: part.description, parameters: part.parameters })),
    );
  }

  /** The engine a running plugin's queries are written for (its collectors and analyzers run only there). */
  engine(name: string): Engine | undefined {
    return this.running.get(name)?.engine;
  }

  /**
   * A started plugin's queries become registered monitoring queries and its collectors join the instances' schedule.
   * Collectors that clash with known ones fail the plugin rather than the collection of everything else.
   */
  private offer(name: string, entry: Running): void {
    const sandbox = entry.sandbox;
    if (!sandbox) return;
    const queries = registerPluginQueries(name, sandbox.plugin.queries, entry.engine);
    try {
      const call = (collector: string, instanceId: string) => this.invoke(name, 'collectors', collector, {}, instanceId);
      setPluginCollectors(name, pluginCollectors(name, entry.engine, sandbox.parts, [...queries.values()], call));
    } catch (error) {
      entry.problem = `its collectors cannot join collection: ${error instanceof Error ? error.message : String(error)}`;
      entry.sandbox = null;
      this.withdraw(name);
      void sandbox.stop();
    }
  }

  /** Nothing of a stopped or failed plugin stays reachable: no registered query, no scheduled collector. */
  private withdraw(name: string): void {
    unregisterPluginQueries(name);
    setPluginCollectors(name, []);
  }

  /** The parts a running plugin's code declares (collector metrics, tool descriptions and parameters). */
  parts(name: string): PluginParts | undefined {
    return this.running.get(name)?.sandbox?.parts;
  }

  names(): string[] {
    return [...this.running.keys()];
  }

  /** Calls a part of a running plugin. Rejects with the plugin's own error, or with why it is not running. */
  async invoke(name: string, kind: PluginKind, part: string, input: unknown, instanceId: string | null = null): Promise<unknown> {
    const entry = this.running.get(name);
    if (!entry?.sandbox) throw new PluginUnavailableError(entry?.problem ? `plugin "${name}" failed: ${entry.problem}` : `plugin "${name}" is not running`);
    try {
      const value = await entry.sandbox.invoke(kind, part, input, instanceId);
      entry.lastCallError = null;
      return value;
    } catch (error) {
      if (!(error instanceof PluginUnavailableError))
        entry.lastCallError = `${kind} "${part}" failed: ${error instanceof Error ? error.message : String(error)}`;
      throw error;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.names().map((name) => this.stop(name)));
  }
}
