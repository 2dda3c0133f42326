/** @module ContivError, the base of every error the agent reports, and core's own errors. */

/**
 * Base class of all agent errors. Context lives in own fields (served as JSON by
 * `/status`, `/events` and the logs), the original error in `cause`.
 */
export abstract class ContivError extends Error {
  /** Stable machine-readable code. */
  abstract readonly code: string;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }

  /** Own fields are the context; /status, /events and the logs all use this. */
  toJSON(): Record<string, unknown> {
    const c = this.cause;
    const cause = c instanceof ContivError ? c.toJSON() : c === undefined ? undefined : c instanceof Error ? c.message : String(c);
    const fields: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(this)) if (k !== 'cause') fields[k] = v;
    return { ...fields, name: this.name, message: this.message, ...(cause === undefined ? {} : { cause }) };
  }
}

/** Bad input (a manifest, a stored object, a request): the object is skipped, the rest goes on. */
export class BadInputError extends ContivError {
  readonly code = 'BAD_INPUT';
  /**
   * @param source where the input came from: a KV key, a file (with document index) or a request
   * @param field the path of the offending field inside the object (`spec.ingress[0].from[1].ipBlock.cidr`)
   * @param detail what was wrong and what was expected
   */
  constructor(readonly source: string, readonly field: string, readonly detail: string, options?: ErrorOptions) {
    super(`${source}${field ? ` ${field}` : ''}: ${detail}`, options);
  }
}

/** Turns anything thrown into something JSON-serialisable for status and history. */
export function errorToJSON(err: unknown): Record<string, unknown> {
  if (err instanceof ContivError) return err.toJSON();
  if (err instanceof Error) return { name: err.name, message: err.message };
  return { name: 'Error', message: String(err) };
}

/** The message of anything thrown. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
