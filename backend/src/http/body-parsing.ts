import type { INestApplication } from '@nestjs/common';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { errorBody } from './api-exception.filter';

interface BodyParserError extends Error {
  status?: number;
  type?: string;
}

/** Deeper bodies are refused: no legitimate request nests this far, and deep nesting is a cheap way to burn CPU. */
export const MAX_JSON_DEPTH = 32;

/** Depth of a parsed JSON value, walked without recursion so a hostile body cannot overflow the stack. */
export function jsonDepth(value: unknown): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    deepest = Math.max(deepest, depth);
    if (deepest > MAX_JSON_DEPTH) return deepest;
    for (const child of Object.values(current)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/**
 * JSON bodies only, up to `limit` and MAX_JSON_DEPTH levels. The parser runs outside Nest's exception filters,
 * so its failures (413 too large, 400 malformed, 415 charset) are answered here in the API's error shape.
 */
export function installJsonBodyParser(app: INestApplication, limit: string): void {
  const parse = express.json({ limit, strict: true });
  const handler: RequestHandler = (req: Request, res: Response, next: NextFunction) => {
    parse(req, res, (error?: unknown) => {
      if (!error && jsonDepth(req.body) > MAX_JSON_DEPTH) {
        const requestId = req.id === undefined ? undefined : String(req.id);
        res.status(400).json(errorBody(400, `Request body is nested deeper than ${MAX_JSON_DEPTH} levels`, requestId));
        return;
      }
      if (!error) return next();
      const failure = error as BodyParserError;
      const status = failure.status && failure.status >= 400 && failure.status < 500 ? failure.status : 400;
      const message =
        failure.type === 'entity.too.large'
          ? `Request body is larger than the limit of ${limit}`
          : failure.type === 'entity.parse.failed'
            ? 'Request body is not valid JSON'
            : 'Request body could not be read';
      const requestId = req.id === undefined ? undefined : String(req.id);
      res.status(status).json(errorBody(status, message, requestId));
    });
  };
  app.use(handler);
}
