import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The backend package's version, read once (the file sits one level above both src/ and dist/). */
export const APP_VERSION: string = (
  JSON.parse(readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')) as { version: string }
).version;
