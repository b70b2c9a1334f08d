import fs from 'node:fs';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import type { NextFunction, Request, Response } from 'express';
import type { DestinationStream } from 'pino';
import { AppModule } from './app.module';
import { bearerToken } from './auth/auth.guard';
import { AuthService } from './auth/auth.service';
import type { AppConfig } from './config/config';
import { entities } from './entities';
import { installJsonBodyParser } from './http/body-parsing';
import { installOpenApi } from './http/openapi';
import { JsonRepliesAdapter } from './http/json-replies';
import { installSpa } from './http/spa';
import { AppLogger } from './logging/app-logger';
import { createHttpLogger, createLogger } from './logging/logging';
import { secureDataFiles } from './storage/file-modes';
import { describeTarget, openStorage } from './storage/storage';

export interface CreatedApp {
  app: INestApplication;
  /** Migrations this start applied (empty when storage was already current). */
  appliedMigrations: string[];
}

/** Builds the whole app (storage migrated, middleware, routes) without listening: main and tests share it. */
export async function createApp(config: AppConfig, options: { logDestination?: DestinationStream } = {}): Promise<CreatedApp> {
  const fileWarnings = secureDataFiles(config.dataDir, config.storage);
  const { dataSource, applied } = await openStorage(config.storage, entities);
  const pinoLogger = createLogger(config, options.logDestination);
  const logger = new AppLogger(pinoLogger);
  const tls = config.http.tls;
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register({ config, dataSource }), new JsonRepliesAdapter(), {
    logger,
    bodyParser: false,
    abortOnError: false,
    ...(tls ? { httpsOptions: { cert: fs.readFileSync(tls.certFile), key: fs.readFileSync(tls.keyFile) } } : {}),
  });
  app.use(createHttpLogger(pinoLogger));
  app.set('trust proxy', config.http.trustProxy);
  app.disable('x-powered-by');
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          // Swagger UI ships inline styles; everything else is served from our own origin.
          'style-src': ["'self'", "'unsafe-inline'"],
          // Over plain HTTP on a LAN address this would make browsers fetch scripts over HTTPS and show a blank page.
          'upgrade-insecure-requests': tls ? [] : null,
        },
      },
      strictTransportSecurity: tls ? undefined : false,
    }),
  );
  // API answers are per caller and change with every collector run: no browser or proxy keeps them (a shared machine's
  // cache would otherwise hold another user's data), and no ETag is computed (hashing every body cost ~1 % of the
  // request thread, for 304s a live dashboard would rarely get).
  app.set('etag', false);
  app.use('/api', (_request: Request, response: Response, next: NextFunction) => {
    response.setHeader('Cache-Control', 'no-store');
    next();
  });
  app.enableCors(config.http.corsOrigins.length > 0 ? { origin: config.http.corsOrigins } : { origin: false });
  installJsonBodyParser(app, config.http.bodyLimit);
  app.setGlobalPrefix('api');
  installOpenApi(app, config.http.apiDocs, (request) => app.get(AuthService).authenticate(bearerToken(request)));
  const spa = installSpa(app, config.http.staticDir);
  app.enableShutdownHooks();

  for (const warning of config.startupWarnings) logger.warn(warning, 'Config');
  for (const warning of fileWarnings) logger.warn(warning, 'Storage');
  logger.log(`Storage: ${describeTarget(config.storage)}; ${applied.length} migration(s) applied`, 'Storage');
  if (!spa) logger.log('No built frontend found: serving the API only', 'HTTP');
  return { app, appliedMigrations: applied };
}

/** The app's services without HTTP, for admin commands that need them (users, roles). */
export async function createAppContext(config: AppConfig): Promise<INestApplicationContext> {
  secureDataFiles(config.dataDir, config.storage);
  const { dataSource } = await openStorage(config.storage, entities);
  const logger = new AppLogger(createLogger({ ...config, logLevel: 'error' }));
  return NestFactory.createApplicationContext(AppModule.register({ config, dataSource }), { logger, abortOnError: false });
}
