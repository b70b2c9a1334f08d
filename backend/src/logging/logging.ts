import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import pino, { type DestinationStream, type Logger } from 'pino';
import type { AppConfig } from '../config/config';

/**
 * Paths pino replaces with a mask before a line is written. Secrets are also masked by their own type;
 * this is the second lock, for values that reach a log through a request or an error object.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.newPassword',
  '*.currentPassword',
  '*.secret',
  '*.token',
  '*.accessToken',
  '*.setupToken',
  '*.connectionUrl',
  'url',
  '*.url',
];

/** Keys whose value is a URL: logged with its credentials scrubbed, so request paths and hosts stay readable. */
const URL_KEYS = new Set(['url']);

// Linear-time patterns (no nested quantifiers): the userinfo of `scheme://user:password@host`, and libpq's `password=` parameter.
const URL_USERINFO = /^([a-z][a-z0-9+.-]*:\/\/)[^/?#\s]*@/i;
const PASSWORD_PARAMETER = /([?&]password=)[^&#]*/gi;

/** A URL without its user name, password or `password=` parameter; anything that is not a string is masked whole. */
export function redactUrlCredentials(value: unknown): unknown {
  if (typeof value !== 'string') return '[redacted]';
  return value.replace(URL_USERINFO, '$1[redacted]@').replace(PASSWORD_PARAMETER, '$1[redacted]');
}

function censor(value: unknown, path: string[]): unknown {
  return URL_KEYS.has(path[path.length - 1]) ? redactUrlCredentials(value) : '[redacted]';
}

const SAFE_REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Keeps a caller's X-Request-Id when it is harmless (for tracing across proxies), otherwise makes one. */
export function requestId(req: IncomingMessage, res: ServerResponse): string {
  const incoming = req.headers['x-request-id'];
  const id = typeof incoming === 'string' && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
  res.setHeader('X-Request-Id', id);
  return id;
}

/** The app's JSON logger: stdout (synchronous, so lines keep their order with what main prints) unless a destination is given (tests capture lines this way). */
export function createLogger(config: AppConfig, destination?: DestinationStream): Logger {
  return pino({ level: config.logLevel, redact: { paths: REDACTED_PATHS, censor } }, destination ?? pino.destination({ dest: 1, sync: true }));
}

declare module 'http' {
  interface IncomingMessage {
    /** The request's id (`requestId`), set first thing: error answers and log lines carry it. */
    id?: string;
  }
}

type LoggedRequest = IncomingMessage & { originalUrl?: string };

/**
 * One line per request with its id, status and time; level follows the status. The line is built when the response
 * is over and only if its level is logged: pino-http built a child logger per request (its bindings serialised and
 * redacted at once), ~8 % of what the app allocated under dashboard load, for lines a production level drops.
 */
export function createHttpLogger(logger: Logger): (req: LoggedRequest, res: ServerResponse, next: () => void) => void {
  return (req, res, next) => {
    req.id = requestId(req, res);
    const startedAt = performance.now();
    res.once('close', () => {
      const level = res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info';
      if (!logger.isLevelEnabled(level)) return;
      logger[level](
        {
          req: { id: req.id, method: req.method, url: req.originalUrl ?? req.url, remoteAddress: req.socket.remoteAddress },
          res: { statusCode: res.statusCode },
          responseTime: Math.round(performance.now() - startedAt),
        },
        res.writableFinished ? 'request completed' : 'request aborted',
      );
    });
    next();
  };
}
