import path from 'node:path';
import { Worker } from 'node:worker_threads';
import {
  type HostToWorker,
  PLUGIN_KINDS,
  type PluginKind,
  type PluginManifest,
  type PluginParts,
  pluginPartsSchema,
  type PluginQuery,
  type QueryParam,
  type WorkerData,
  type WorkerToHost,
} from '@inspector/plugin-sdk';
import type { Secret } from '../../crypto/secret';
import type { PluginFileWriter } from './plugin-files';
import type { PluginQueryRunner } from './plugin-query-runner';

export interface SandboxLimits {
  /** Longest a call (or loading the code) may take before the worker is terminated. */
  callTimeoutMs: number;
  /** V8 old-generation heap of the worker; exceeding it ends the worker, not the app. */
  memoryMb: number;
}

export interface SandboxPlugin {
  name: string;
  codeFile: string;
  code: string;
  provides: PluginManifest['provides'];
  queries: readonly PluginQuery[];
  settings: Record<string, string>;
  /** Opened secrets, by declared name: the plugin receives them among its settings. */
  secrets?: Readonly<Record<string, Secret>>;
}

export interface SandboxEvents {
  /** The sandbox stopped for good: the plugin failed and needs an admin (approve again to restart). */
  onFailure(problem: string): void;
  onLog(level: 'info' | 'warn' | 'error', message: string): void;
}

/** A call on a plugin that is stopped or has failed; the message says why. */
export class PluginUnavailableError extends Error {}
/** The plugin's own code reported an error; the plugin keeps running. */
export class PluginCallError extends Error {}

const MAX_PARAMS = 100;
const MAX_LOG_CHARS = 2_000;

/**
 * The one place a plugin's secrets are unwrapped: as the worker starts, which is when they leave for the plugin that
 * asked for them in its approved manifest. The worker's own environment stays empty.
 */
function workerSettings(plugin: SandboxPlugin): Record<string, string> {
  const opened = Object.entries(plugin.secrets ?? {}).map(([name, secret]) => [name, secret.reveal()] as const);
  return { ...plugin.settings, ...Object.fromEntries(opened) };
}

const WORKER_RUNTIME = path.join(path.dirname(require.resolve('@inspector/plugin-sdk/package.json')), 'dist', 'worker-runtime.js');

interface CurrentCall {
  callId: number;
  instanceId: string | null;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * One plugin's worker thread: an empty environment, a bounded heap, and calls that must answer in time. Calls run
 * one at a time, so a query request belongs to the call in flight and runs on that call's instance. A crash, a
 * timeout or an exhausted heap terminates the worker and fails every waiting call; the app keeps serving.
 */
export class PluginSandbox {
  readonly #worker: Worker;
  readonly #queries: ReadonlyMap<string, PluginQuery>;
  #failure: string | null = null;
  #stopped = false;
  #current: CurrentCall | null = null;
  #queue: Promise<unknown> = Promise.resolve();
  #nextCall = 0;
  #parts: PluginParts | null = null;

  private constructor(
    readonly plugin: SandboxPlugin,
    private readonly runner: PluginQueryRunner | null,
    private readonly limits: SandboxLimits,
    private readonly events: SandboxEvents,
    private readonly files: PluginFileWriter | null,
  ) {
    this.#queries = new Map(plugin.queries.map((query) => [query.name, query]));
    const workerData: WorkerData = { filename: plugin.codeFile, code: plugin.code, settings: workerSettings(plugin) };
    this.#worker = new Worker(WORKER_RUNTIME, {
      workerData,
      // Not SHARE_ENV: the worker's process.env starts empty, so APP_SECRET and the rest never enter its heap.
      env: {},
      execArgv: [],
      argv: [],
      stdout: true,
      stderr: true,
      resourceLimits: { maxOldGenerationSizeMb: limits.memoryMb, maxYoungGenerationSizeMb: 16, codeRangeSizeMb: 16, stackSizeMb: 4 },
    });
    this.#worker.on('message', (message: WorkerToHost) => this.#onMessage(message));
    this.#worker.on('error', (error: Error & { code?: string }) =>
      this.#fail(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? `used more than ${limits.memoryMb} MB of memory and was stopped` : `crashed: ${error.message}`),
    );
    this.#worker.on('exit', (code) => this.#fail(`its worker exited (code ${code})`));
  }

  /** Starts the worker and waits until the plugin's code has loaded; rejects (and fails) when it cannot. */
  static async start(
    plugin: SandboxPlugin,
    runner: PluginQueryRunner | null,
    limits: SandboxLimits,
    events: SandboxEvents,
    files: PluginFileWriter | null = null,
  ): Promise<PluginSandbox> {
    const sandbox = new PluginSandbox(plugin, runner, limits, events, files);
    // Loading is the first call: the worker's `ready` (or `load-error`) settles it.
    await sandbox.#call(null, () => undefined, `did not load within ${limits.callTimeoutMs} ms and was stopped`);
    return sandbox;
  }

  get failure(): string | null {
    return this.#failure;
  }

  /** The metrics of each collector and each tool's description and parameters, as the loaded code declares them. */
  get parts(): PluginParts {
    if (!this.#parts) throw new PluginUnavailableError(`plugin "${this.plugin.name}" has not loaded`);
    return this.#parts;
  }

  /** Calls one part of the plugin: `collect`, `analyze`, `notify` or a tool's `call`, depending on the kind. */
  invoke(kind: PluginKind, name: string, input: unknown, instanceId: string | null): Promise<unknown> {
    const timeoutProblem = `did not answer within ${this.limits.callTimeoutMs} ms and was stopped`;
    const run = () => this.#call(instanceId, (callId) => this.#post({ type: 'invoke', callId, kind, name, input }), timeoutProblem);
    const result = this.#queue.then(run, run);
    this.#queue = result.catch(() => undefined);
    return result;
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#settle(new PluginUnavailableError(`plugin "${this.plugin.name}" was stopped`));
    await this.#worker.terminate();
  }

  #call(instanceId: string | null, send: (callId: number) => void, timeoutProblem: string): Promise<unknown> {
    const unavailable = this.#unavailable();
    if (unavailable) return Promise.reject(unavailable);
    return new Promise((resolve, reject) => {
      this.#nextCall += 1;
      const callId = this.#nextCall;
      const timer = setTimeout(() => this.#fail(timeoutProblem), this.limits.callTimeoutMs);
      this.#current = { callId, instanceId, resolve, reject, timer };
      send(callId);
    });
  }

  #unavailable(): Error | null {
    if (this.#failure) return new PluginUnavailableError(`plugin "${this.plugin.name}" failed: ${this.#failure}`);
    if (this.#stopped) return new PluginUnavailableError(`plugin "${this.plugin.name}" is stopped`);
    return null;
  }

  #onMessage(message: WorkerToHost): void {
    switch (message.type) {
      case 'ready':
        return this.#onReady(message.parts);
      case 'load-error':
        return this.#fail(`its code did not load: ${message.message}`);
      case 'result':
        if (this.#current?.callId === message.callId) this.#settle(null, message.value);
        return;
      case 'error':
        if (this.#current?.callId === message.callId) this.#settle(new PluginCallError(message.message.slice(0, MAX_LOG_CHARS)));
        return;
      case 'query':
        void this.#runQuery(message.requestId, message.name, message.params);
        return;
      case 'append':
        void this.#append(message.requestId, message.file, message.text);
        return;
      case 'log':
        this.events.onLog(message.level, String(message.message).slice(0, MAX_LOG_CHARS));
        return;
    }
  }

  /** The code must define exactly the parts the approved manifest lists: the admin approved that list. */
  #onReady(described: unknown): void {
    const parsed = pluginPartsSchema.safeParse(described);
    if (!parsed.success) return this.#fail(`its code did not load: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
    for (const kind of PLUGIN_KINDS) {
      const inCode = Object.keys(parsed.data[kind]).sort();
      const inManifest = [...this.plugin.provides[kind]].sort();
      if (inCode.join() !== inManifest.join())
        return this.#fail(`its code defines ${kind} [${inCode.join(', ')}] but its manifest provides [${inManifest.join(', ')}]`);
    }
    this.#parts = parsed.data;
    this.#settle(null, undefined);
  }

  async #runQuery(requestId: number, name: string, params: unknown): Promise<void> {
    const reply = (answer: { rows?: unknown[]; error?: string }) => this.#post({ type: 'reply', requestId, ...answer });
    const query = this.#queries.get(name);
    if (!query) {
      const problem = `query "${String(name).slice(0, 64)}" is not declared in the manifest of plugin "${this.plugin.name}": refused`;
      this.events.onLog('warn', problem);
      return reply({ error: problem });
    }
    if (!isParamList(params)) return reply({ error: `query "${name}": parameters must be at most ${MAX_PARAMS} strings, numbers, booleans or nulls` });
    const instanceId = this.#current?.instanceId ?? null;
    if (instanceId === null) return reply({ error: `query "${name}": this call is not about an instance, so there is no connection to run it on` });
    if (!this.runner) return reply({ error: `query "${name}": plugin queries cannot reach monitoring connections in this deployment` });
    try {
      const rows = await this.runner(instanceId, { plugin: this.plugin.name, name: query.name, sql: query.sql }, params);
      reply({ rows: JSON.parse(JSON.stringify(rows)) as unknown[] });
    } catch (error) {
      reply({ error: `query "${name}" failed: ${error instanceof Error ? error.message : String(error)}` });
    }
  }

  async #append(requestId: number, file: unknown, text: unknown): Promise<void> {
    const reply = (answer: { error?: string }) => this.#post({ type: 'reply', requestId, ...answer });
    if (!this.files) return reply({ error: 'this plugin has no data folder' });
    try {
      await this.files(String(file), typeof text === 'string' ? text : String(text));
      reply({});
    } catch (error) {
      reply({ error: `writing ${String(file).slice(0, 64)} failed: ${error instanceof Error ? error.message : String(error)}` });
    }
  }

  #post(message: HostToWorker): void {
    if (!this.#failure && !this.#stopped) this.#worker.postMessage(message);
  }

  #settle(error: Error | null, value?: unknown): void {
    const current = this.#current;
    this.#current = null;
    if (!current) return;
    clearTimeout(current.timer);
    if (error) current.reject(error);
    else current.resolve(value);
  }

  #fail(problem: string): void {
    if (this.#failure || this.#stopped) return;
    this.#failure = problem;
    this.#settle(new PluginUnavailableError(`plugin "${this.plugin.name}" failed: ${problem}`));
    void this.#worker.terminate();
    this.events.onFailure(problem);
  }
}

function isParamList(value: unknown): value is QueryParam[] {
  return Array.isArray(value) && value.length <= MAX_PARAMS && value.every((item) => item === null || ['string', 'number', 'boolean'].includes(typeof item));
}
