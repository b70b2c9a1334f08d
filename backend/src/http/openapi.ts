import type { ArgumentsHost, INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import { cleanupOpenApiDoc } from 'nestjs-zod';
import type { AppConfig } from '../config/config';
import { APP_VERSION } from '../config/version';
import { ApiExceptionFilter } from './api-exception.filter';

/** Swagger UI (its init script embeds the whole document) and the raw document, JSON and YAML. */
const DOCS_PATHS = ['/api/docs', '/api/docs-json', '/api/docs-yaml'];

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Inspector API')
    .setDescription('Self-hosted database monitoring. Every route needs a bearer token unless marked public.')
    .setVersion(APP_VERSION)
    .addBearerAuth()
    .build();
  return cleanupOpenApiDoc(SwaggerModule.createDocument(app, config), { version: '3.0' });
}

/** The global guard's session check for one request: rejects (401) unless the request carries a valid token. */
export type RequestAuthentication = (request: Request) => Promise<unknown>;

/**
 * Swagger UI at /api/docs and the raw document at /api/docs-json and /api/docs-yaml, as API_DOCS says:
 * `authenticated` (default) asks for a valid bearer token, `public` serves anyone, `off` serves nothing (404).
 * Swagger registers plain Express handlers outside Nest's guard, so the token is checked here, in front of them.
 */
export function installOpenApi(app: INestApplication, mode: AppConfig['http']['apiDocs'], authenticate: RequestAuthentication): void {
  if (mode === 'off') return;
  if (mode === 'authenticated') app.use(DOCS_PATHS, requireValidToken(authenticate));
  SwaggerModule.setup('api/docs', app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: 'api/docs-json',
    yamlDocumentUrl: 'api/docs-yaml',
    useGlobalPrefix: false,
  });
}

/** The same session check as the global guard, answered with the API's own error shape. */
function requireValidToken(authenticate: RequestAuthentication) {
  const filter = new ApiExceptionFilter();
  return (req: Request, res: Response, next: NextFunction): void => {
    const host = { switchToHttp: () => ({ getRequest: () => req, getResponse: () => res }) } as unknown as ArgumentsHost;
    Promise.resolve()
      .then(() => authenticate(req))
      .then(
        () => next(),
        (error: unknown) => filter.catch(error, host),
      );
  };
}
