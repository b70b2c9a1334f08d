import { z } from 'zod';

/**
 * The API serves the SPA under `script-src 'self'`, which forbids eval. Zod 4 probes for eval with
 * `new Function('')` as soon as the first object schema is built; it catches the failure, but the
 * browser still reports a CSP violation. jitless skips the probe (and the eval-compiled fast path).
 * Imported first by main.tsx so it runs before any schema module is evaluated.
 */
z.config({ jitless: true });
