import { assertBuilt } from './paths';

/** Fails the run once, up front, with one clear message instead of a timeout per test. */
export default function setup(): void {
  assertBuilt();
}
