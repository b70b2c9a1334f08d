import { startEarlyGet } from '@/lib/early-requests';
import { ME_PATH, readToken } from '@/lib/session-token';
import { homeEarlyPaths } from './routes/home-early-requests';
import { overviewEarlyPaths, overviewInstanceId } from './routes/instance/overview-early-requests';

/**
 * The first requests of the page at `pathname`, for the boot script: the session check, the home board's, and an
 * instance overview's requests that do not depend on the engine. Without a stored session it asks nothing, as the app does.
 */
export function startEarlyPageRequests(pathname: string): void {
  const token = readToken();
  if (token === null) return;
  startEarlyGet(ME_PATH, token);
  for (const path of homeEarlyPaths(pathname)) startEarlyGet(path, token);
  const instanceId = overviewInstanceId(pathname);
  if (instanceId !== null) for (const path of overviewEarlyPaths(instanceId)) startEarlyGet(path, token);
}
