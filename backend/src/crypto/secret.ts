import { inspect } from 'node:util';

/** What every printing, logging or serializing channel shows instead of a secret's value. */
export const SECRET_MASK = '[secret]';

/**
 * A credential that cannot leak by accident: the value lives in a private field, so spreading,
 * `structuredClone` and `Object.keys` see nothing, and every conversion to text gives the mask.
 * `reveal()` is the single way out, meant for the code that puts a credential on the wire and for nothing else
 * (the reviewed callers are listed in `reveal-callers.spec.ts`).
 */
export class Secret {
  readonly #value: string;

  private constructor(value: string) {
    this.#value = value;
    Object.freeze(this);
  }

  static of(value: string): Secret {
    return new Secret(value);
  }

  /** The plaintext, for connection code and notifier senders at the moment the credential goes on the wire. */
  reveal(): string {
    return this.#value;
  }

  toJSON(): string {
    return SECRET_MASK;
  }

  toString(): string {
    return SECRET_MASK;
  }

  [Symbol.toPrimitive](): string {
    return SECRET_MASK;
  }

  [inspect.custom](): string {
    return SECRET_MASK;
  }
}
