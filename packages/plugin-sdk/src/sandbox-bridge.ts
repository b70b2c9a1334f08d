/**
 * The plugin realm's half of the sandbox, evaluated inside the plugin's vm context. It runs before any plugin
 * code, keeps its own references to JSON and Promise, and talks to the host through one function that takes and
 * returns strings only. Plugin code therefore never holds an object created by the worker's realm: the usual
 * escape (`someHostObject.constructor.constructor('return process')()`) has nothing to start from.
 */
export const BRIDGE_SOURCE = String.raw`(function (hostSend) {
  'use strict';
  const parse = JSON.parse;
  const stringify = JSON.stringify;
  const freeze = Object.freeze;
  const pending = new Map();
  let nextRequest = 0;
  let plugin = {};
  let settings = freeze({});
  const send = (message) => { hostSend(stringify(message)); };
  const text = (value) => { try { return String(value); } catch (error) { return 'unprintable value'; } };
  const log = freeze({
    info: (message) => send({ type: 'log', level: 'info', message: text(message) }),
    warn: (message) => send({ type: 'log', level: 'warn', message: text(message) }),
    error: (message) => send({ type: 'log', level: 'error', message: text(message) }),
  });
  const request = (message) =>
    new Promise((resolve, reject) => {
      nextRequest += 1;
      pending.set(nextRequest, { resolve, reject });
      message.requestId = nextRequest;
      send(message);
    });
  const query = (name, params) => request({ type: 'query', name: text(name), params: params === undefined ? [] : params });
  const files = freeze({ append: (file, content) => request({ type: 'append', file: text(file), text: text(content) }).then(() => undefined) });
  const context = () => freeze({ query, settings, log, files });
  const sdk = freeze({ definePlugin: (definition) => definition });
  const METHOD = { collectors: 'collect', analyzers: 'analyze', notifiers: 'notify', tools: 'call' };
  globalThis.console = freeze({ log: log.info, info: log.info, warn: log.warn, error: log.error, debug: log.info });
  return freeze({
    install(moduleFunction, settingsJson) {
      settings = freeze(parse(settingsJson));
      const module = { exports: {} };
      const require = (id) => {
        if (id === '@inspector/plugin-sdk') return sdk;
        throw new Error('a plugin can require only @inspector/plugin-sdk, not "' + text(id) + '"');
      };
      moduleFunction(module, module.exports, require);
      const exported = module.exports;
      plugin = exported && exported.default ? exported.default : exported;
    },
    describe() {
      const parts = {};
      for (const kind of Object.keys(METHOD)) {
        const section = plugin[kind] || {};
        parts[kind] = {};
        for (const name of Object.keys(section)) {
          const part = section[name] || {};
          if (kind === 'collectors') parts[kind][name] = { metrics: part.metrics };
          else if (kind === 'tools') parts[kind][name] = { description: part.description, parameters: part.parameters };
          else parts[kind][name] = {};
        }
      }
      return stringify(parts);
    },
    invoke(json) {
      const call = parse(json);
      Promise.resolve()
        .then(() => {
          const section = plugin[call.kind];
          const part = section ? section[call.name] : undefined;
          const method = part ? part[METHOD[call.kind]] : undefined;
          if (typeof method !== 'function') throw new Error(call.kind + ' "' + call.name + '" is not defined by the plugin code');
          return call.kind === 'collectors' ? method.call(part, context()) : method.call(part, context(), call.input);
        })
        .then(
          (value) => send({ type: 'result', callId: call.callId, value: value === undefined ? null : value }),
          (error) => send({ type: 'error', callId: call.callId, message: text(error && error.message ? error.message : error) }),
        )
        .catch((error) => send({ type: 'error', callId: call.callId, message: 'result is not plain JSON: ' + text(error && error.message) }));
    },
    reply(json) {
      const reply = parse(json);
      const waiting = pending.get(reply.requestId);
      if (!waiting) return;
      pending.delete(reply.requestId);
      if (reply.error !== undefined) waiting.reject(new Error(reply.error));
      else waiting.resolve(reply.rows);
    },
  });
})`;
