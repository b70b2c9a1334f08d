/**
 * The only kind of SQL a monitored instance ever receives. A `MonitorQuery` cannot be built outside this
 * module (private constructor plus a module-private token), and `MonitorConnection.run` accepts nothing
 * else; it also checks the frozen registry in `./registry.ts`, so a query defined anywhere but an
 * exported constant of a `collectors/sql/*` file is refused at run time. The `Row` and `Params` type
 * parameters describe the result and the bind parameters; they exist only for the compiler.
 */
import type { Engine } from '@inspector/contracts';

const token = Symbol('MonitorQuery');
let create: (name: string, text: string, engine: Engine) => MonitorQuery<never, never>;

export class MonitorQuery<Row = Record<string, unknown>, Params extends readonly unknown[] = readonly unknown[]> {
  // A private field makes the type nominal: a structurally identical object literal is not a MonitorQuery.
  readonly #brand = token;
  declare readonly _types?: { row: Row; params: Params };

  private constructor(
    secret: symbol,
    /** Unique, stable, snake_case; it names the query in errors, logs and the registry. */
    readonly name: string,
    readonly text: string,
    /** The server kind the text is written for: a connection refuses the other engine's queries. */
    readonly engine: Engine,
  ) {
    if (secret !== token) throw new TypeError('MonitorQuery instances come from defineQuery only');
    Object.freeze(this);
  }

  static isMonitorQuery(value: unknown): value is MonitorQuery {
    return typeof value === 'object' && value !== null && #brand in value;
  }

  /** Reached through `defineQuery`; the static block hands the constructor to this module only. */
  static {
    create = (name, text, engine) => new MonitorQuery(token, name, text, engine);
  }
}

/**
 * Declares a named monitoring query. Only files in `collectors/sql/` and `collectors/mysql/sql/` call this, and only
 * at module top level as an exported constant: `registry.ts` registers exactly those (a test enforces the import rule).
 */
export function defineQuery<Row, Params extends readonly unknown[] = []>(name: string, text: string, engine: Engine = 'postgres'): MonitorQuery<Row, Params> {
  if (!/^[a-z][a-z0-9_]*$/.test(name)) throw new TypeError(`query name "${name}" must be snake_case`);
  return create(name, text.trim(), engine) as unknown as MonitorQuery<Row, Params>;
}
