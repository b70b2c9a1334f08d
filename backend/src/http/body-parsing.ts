import type { INestApplication } from '@nestjs/common';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { errorBody } from './api-exception.filter';

interface BodyParserError extends Error {
  status?: number;
  type?: string;
}

/**
 * JSON bodies only, up to `limit`. The parser runs outside Nest's exception filters,
 * so its failures (413 too large, 400 malformed, 415 charset) are answered here in the API's error shape.
 */
export function installJsonBodyParser(app: INestApplication, limit: string): void {
  const parse = express.json({ limit, strict: true });
  const handler: RequestHandler = (req: Request, res: Response, next: NextFunction) => {
    parse(req, res, (error?: unknown) => {
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
