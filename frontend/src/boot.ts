import { startEarlyPageRequests } from './app/early-page-requests';

/**
 * Runs before the main bundle is evaluated (the build loads it as a module script of its own, ahead of the app's):
 * the app's code takes a few hundred milliseconds to load and run on a slow machine, and the page's first answers
 * are on their way meanwhile. The app takes them where it would ask (`lib/early-requests.ts`).
 */
startEarlyPageRequests(location.pathname);
