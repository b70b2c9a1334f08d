/**
 * Snapshots as a dashboard page last parsed them, kept while the stored snapshot is still that one. A page of 50 rows
 * otherwise reads and parses its instance's whole snapshot on every request (a statements snapshot is hundreds of
 * rows, a tables snapshot up to the whole catalog), while a snapshot changes once per collector run (15 s to 15 min).
 *
 * An entry is only used after storage says the snapshot's `at` has not changed (a cheap read of one column), so a
 * snapshot written by another replica, a restored backup or a deleted instance is never answered from here. Entries
 * are frozen: a reader that changed a row would otherwise change every later page.
 */

/** Snapshot rows and when their collector run stored them. */
export interface ParsedSnapshot {
  kind: string;
  at: Date;
  rows: object[];
}

/** Parsed snapshots kept, counted in characters of their stored JSON (their heap size is a small multiple of it). */
export const PARSED_SNAPSHOTS_BUDGET_CHARS = 32 * 1024 * 1024;

type Entry = { snapshot: ParsedSnapshot; chars: number };

/** The most recently read snapshots, least recently read dropped first once they exceed the budget. */
export class ParsedSnapshots {
  readonly #entries = new Map<string, Entry>();
  #chars = 0;

  constructor(private readonly budgetChars = PARSED_SNAPSHOTS_BUDGET_CHARS) {}

  /** The parsed snapshot when it is the one stored at `at`; otherwise none, and a stale entry is dropped. */
  get(instanceId: string, kind: string, at: number): ParsedSnapshot | null {
    const key = keyOf(instanceId, kind);
    const entry = this.#entries.get(key);
    if (!entry) return null;
    this.#entries.delete(key);
    if (entry.snapshot.at.getTime() !== at) {
      this.#chars -= entry.chars;
      return null;
    }
    // Map order is the eviction order: a read moves the entry to the newest end.
    this.#entries.set(key, entry);
    return entry.snapshot;
  }

  /** Parses and keeps the stored JSON of a snapshot; a snapshot larger than the whole budget is parsed and not kept. */
  parse(instanceId: string, kind: string, at: number, json: string): ParsedSnapshot {
    const snapshot = deepFreeze({ kind, at: new Date(at), rows: JSON.parse(json) as object[] });
    this.forget(instanceId, kind);
    if (json.length > this.budgetChars) return snapshot;
    this.#entries.set(keyOf(instanceId, kind), { snapshot, chars: json.length });
    this.#chars += json.length;
    for (const [key, entry] of this.#entries) {
      if (this.#chars <= this.budgetChars) break;
      this.#entries.delete(key);
      this.#chars -= entry.chars;
    }
    return snapshot;
  }

  /** Drops the entry of a snapshot storage no longer holds. */
  forget(instanceId: string, kind: string): void {
    const key = keyOf(instanceId, kind);
    const entry = this.#entries.get(key);
    if (!entry) return;
    this.#entries.delete(key);
    this.#chars -= entry.chars;
  }

  /** Characters of stored JSON behind the kept entries. */
  get chars(): number {
    return this.#chars;
  }
}

const keyOf = (instanceId: string, kind: string) => `${instanceId}\u0000${kind}`;

function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  for (const child of Object.values(value)) deepFreeze(child);
  return Object.freeze(value);
}
