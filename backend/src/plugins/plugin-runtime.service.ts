import { Inject, Injectable, Logger, type OnApplicationShutdown, Optional } from '@nestjs/common';
import type { PluginKind, PluginParts } from '@inspector/plugin-sdk';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import type { ValidPlugin } from './plugin-discovery';
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

  /** Starts the plugin (restarting it if it runs or failed); resolves once its code loaded or it failed. */
  async start(plugin: ValidPlugin): Promise<void> {
    await this.stop(plugin.name);
    const entry: Running = { manifestHash: plugin.manifestHash, sandbox: null, problem: null, lastCallError: null };
    this.running.set(plugin.name, entry);
    const { provides, queries } = plugin.manifest;
    const sandboxPlugin = { name: plugin.name, codeFile: plugin.codeFile, code: plugin.code, provides, queries, settings: {} };
    try {
      entry.sandbox = await PluginSandbox.start(sandboxPlugin, this.runner, this.config.plugins.limits, {
        onFailure: (problem) => {
          entry.sandbox = null;
          entry.problem = problem;
          this.logger.warn({ plugin: plugin.name, problem }, 'plugin stopped by its sandbox');
        },
        onLog: (level, message) => this.logger[level === 'info' ? 'log' : level]({ plugin: plugin.name, message }, 'plugin log'),
      });
    } catch (error) {
      entry.problem ??= error instanceof Error ? error.message : String(error);
    }
  }

  async stop(name: string): Promise<void> {
    const entry = this.running.get(name);
    this.running.delete(name);
    await entry?.sandbox?.stop();
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
