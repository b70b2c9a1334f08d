// Planted violation for test/guardrails.spec.ts: a promise nobody awaits.
async function work(): Promise<void> {}

export function caller(): void {
  work();
}
