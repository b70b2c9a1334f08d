import vm from 'node:vm';
import { parentPort, workerData } from 'node:worker_threads';
import type { HostToWorker, WorkerData, WorkerToHost } from './protocol';
import { BRIDGE_SOURCE } from './sandbox-bridge';

/**
 * Entry point of a plugin worker thread. The worker starts with an empty environment; the plugin's code runs in
 * a fresh vm context with no `process`, `require`, `fetch` or timers, and with eval and `new Function` disabled.
 * Only strings cross between this realm and the plugin's (see BRIDGE_SOURCE).
 */
interface Bridge {
  install(moduleFunction: unknown, settingsJson: string): void;
  describe(): string;
  invoke(json: string): void;
  reply(json: string): void;
}

const port = parentPort;
if (!port) throw new Error('the plugin runtime runs only as a worker thread');
const data = workerData as WorkerData;

function post(message: WorkerToHost): void {
  port!.postMessage(message);
}

/** The one host function the plugin realm holds: it takes a string, returns nothing and never throws into the plugin. */
function hostSend(json: unknown): void {
  try {
    if (typeof json === 'string') post(JSON.parse(json) as WorkerToHost);
  } catch {
    // A message that is not plain JSON is dropped; the call it belonged to times out on the host.
  }
}

/** The error may come from the plugin's realm, where `instanceof Error` is false: read its message as text. */
function messageOf(error: unknown): string {
  try {
    const message = (error as { message?: unknown } | null)?.message;
    return typeof message === 'string' ? message : String(error);
  } catch {
    return 'the plugin code failed to load';
  }
}

function load(): Bridge {
  // A null-prototype sandbox: with `{}`, the plugin's `globalThis.constructor` would be this realm's Object, and
  // its `constructor` this realm's Function, which compiles `return process`.
  const context = vm.createContext(Object.create(null), { name: `plugin:${data.filename}`, codeGeneration: { strings: false, wasm: false } });
  const bridge = (new vm.Script(BRIDGE_SOURCE, { filename: 'inspector-plugin-bridge.js' }).runInContext(context) as (send: unknown) => Bridge)(hostSend);
  const wrapped = `(function (module, exports, require) {\n${data.code}\n})`;
  const moduleFunction = new vm.Script(wrapped, { filename: data.filename, lineOffset: -1 }).runInContext(context) as unknown;
  bridge.install(moduleFunction, JSON.stringify(data.settings));
  return bridge;
}

try {
  const bridge = load();
  port.on('message', (message: HostToWorker) => {
    if (message.type === 'invoke') bridge.invoke(JSON.stringify(message));
    else bridge.reply(JSON.stringify(message));
  });
  post({ type: 'ready', parts: JSON.parse(bridge.describe()) as unknown });
} catch (error) {
  post({ type: 'load-error', message: messageOf(error) });
}
