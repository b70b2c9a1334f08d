import fs from 'node:fs';
import path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';

/**
 * Serves the built SPA at `/` with history fallback: any GET outside `/api` that is not a file
 * answers index.html so client-side routes survive a reload. Returns false when there is no build.
 */
export function installSpa(app: INestApplication, staticDir: string | null): boolean {
  if (!staticDir) return false;
  const index = path.join(staticDir, 'index.html');
  if (!fs.existsSync(index)) return false;
  const hashed = path.join(staticDir, HASHED_FOLDER) + path.sep;
  const files = express.static(staticDir, { index: false, maxAge: '1h', setHeaders: (res, file) => setCaching(res, file, hashed) });
  // API requests skip the file lookup: a stat per request cost the dashboards ~4 % of the app's CPU under load.
  app.use((req: Request, res: Response, next: NextFunction) => (isApi(req) ? next() : files(req, res, next)));
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || isApi(req)) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return true;
}

const isApi = (req: Request) => req.path === '/api' || req.path.startsWith('/api/');

/** Where the SPA's build puts files named by their content's hash: a new build gives a changed file a new name. */
const HASHED_FOLDER = 'assets';
const A_YEAR_IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * index.html is revalidated on every load (it names the current build's files); the hashed files never change under
 * their name, so browsers keep them a year without asking again; anything else (icons) an hour.
 */
function setCaching(res: Response, file: string, hashedFolder: string): void {
  if (file.endsWith('.html')) res.setHeader('Cache-Control', 'no-cache');
  else if (file.startsWith(hashedFolder)) res.setHeader('Cache-Control', A_YEAR_IMMUTABLE);
}
