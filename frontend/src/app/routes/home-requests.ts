import type { QueryClient } from '@tanstack/react-query';
import { getFleetQueryOptions } from '@/features/fleet/api/get-fleet';
import { getHealthQueryOptions } from '@/features/health/api/get-health';

/**
 * What the home board asks for, started while the app boots when the URL opens on it: the board's rows and the
 * health badge. A user without monitoring:read is refused the rows, as the page would be if it asked.
 */
export function prefetchHome(client: QueryClient): void {
  void client.prefetchQuery(getFleetQueryOptions());
  void client.prefetchQuery(getHealthQueryOptions());
}
