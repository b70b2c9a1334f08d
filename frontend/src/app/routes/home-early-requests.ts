import { paths } from '@/config/paths';
import { FLEET_PATH } from '@/features/fleet/api/paths';
import { HEALTH_PATH } from '@/features/health/api/paths';

/**
 * The home board's requests the boot script may start before the app's code has loaded: the same the router's
 * prefetch asks (`home-requests.ts`), which then finds them on their way. Light on imports: this runs before the
 * main bundle.
 */
export function homeEarlyPaths(pathname: string): string[] {
  return pathname === paths.overview.path ? [FLEET_PATH, HEALTH_PATH] : [];
}
