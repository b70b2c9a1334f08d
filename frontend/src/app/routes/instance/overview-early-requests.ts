import { paths } from '@/config/paths';
import { instanceApiPath } from '@/features/instances/api/paths';
import { instancePath, METRIC_CATALOG_PATH } from '@/features/monitoring/api/keys';

/**
 * The instance overview's requests the boot script may start before the app's code has loaded: only those asked
 * whatever the instance's engine (a MySQL overview never asks for PostgreSQL's summary or charts), the same the
 * router's prefetch asks first (`overview-prefetch.ts`), which then finds them on their way. Light on imports: this
 * runs before the main bundle.
 */
export const overviewEarlyPaths = (instanceId: string): string[] => [instanceApiPath(instanceId), instancePath(instanceId, 'status'), METRIC_CATALOG_PATH];

// `paths.instance` with its `:id`; like the router, case-insensitive and with an optional trailing slash.
const overviewPattern = new RegExp(`^${paths.instance.path.replace(':id', '([^/]+)')}/?$`, 'i');

/** Static addresses the router prefers to `paths.instance` (it would otherwise read "new" as an id). */
const staticSiblings = new Set<string>([paths.newInstance.path]);

/** The instance whose overview `pathname` opens, as the router would match it; null for any other page. */
export function overviewInstanceId(pathname: string): string | null {
  const match = overviewPattern.exec(pathname);
  if (!match || staticSiblings.has(pathname.replace(/\/$/, '').toLowerCase())) return null;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return null;
  }
}
