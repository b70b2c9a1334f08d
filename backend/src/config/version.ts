import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The backend package's version, read once (the file sits two levels above both src/config/ and dist/config/). */
export const APP_VERSION: string = (JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }).version;

/** How Inspector names itself to the HTTP services it calls (LLM providers, webhooks, other replicas). */
export const INSPECTOR_USER_AGENT = `Inspector/${APP_VERSION}`;
