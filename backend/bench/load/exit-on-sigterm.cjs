/**
 * Preloaded into the app only with `bench:load --cpu-prof DIR`. Nest re-raises SIGTERM after its shutdown hooks,
 * and a process killed by a signal never writes its --cpu-prof profile; this listener turns that second SIGTERM
 * into process.exit(0) so the profile is written.
 */
let received = 0;
process.on('SIGTERM', () => {
  received += 1;
  if (received > 1) process.exit(0);
  setTimeout(() => process.exit(0), 10_000).unref();
});
