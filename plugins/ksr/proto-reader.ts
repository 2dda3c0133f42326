/**
 * @module ProtoReader: reads a value of the original KSR's proto-JSON encoding (Go
 * encoding/json over protobuf structs): field names matched case-insensitively as Go does,
 * omitted zero values read as zero. Pure.
 */
import { BadInputError } from '../../core/errors.ts';
import { field } from './zod-issue.ts';

/** A struct of the proto-JSON encoding. */
export class ProtoReader {
  readonly #fields = new Map<string, unknown>();

  /**
   * @param source the key (for errors)
   * @param at the path of this struct inside the value
   */
  constructor(value: unknown, readonly source: string, readonly at: string) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new BadInputError(source, at, 'expected an object');
    }
    for (const [k, v] of Object.entries(value)) if (v !== null) this.#fields.set(k.toLowerCase(), v);
  }

  /** Whether the field is present (and not null). */
  has(name: string): boolean {
    return this.#fields.has(name.toLowerCase());
  }

  /** A string field; omitted = ''. */
  str(name: string): string {
    const v = this.#fields.get(name.toLowerCase());
    if (v === undefined) return '';
    if (typeof v !== 'string') throw this.#bad(name, 'expected a string');
    return v;
  }

  /** A number (integer or enum) field; omitted = 0. */
  num(name: string): number {
    const v = this.#fields.get(name.toLowerCase());
    if (v === undefined) return 0;
    if (typeof v !== 'number' || !Number.isInteger(v)) throw this.#bad(name, 'expected an integer');
    return v;
  }

  /** A nested struct, if present. */
  struct(name: string): ProtoReader | undefined {
    const v = this.#fields.get(name.toLowerCase());
    return v === undefined ? undefined : new ProtoReader(v, this.source, field(this.at, name));
  }

  /** A repeated struct field; omitted = []. */
  list(name: string): ProtoReader[] {
    return this.#array(name).map((v, i) => new ProtoReader(v, this.source, field(field(this.at, name), i)));
  }

  /** A repeated string field; omitted = []. */
  strings(name: string): string[] {
    return this.#array(name).map((v, i) => {
      if (typeof v !== 'string') throw new BadInputError(this.source, field(field(this.at, name), i), 'expected a string');
      return v;
    });
  }

  /** A `map<string,string>` field (keys are data, not field names: kept as written). */
  map(name: string): Record<string, string> | undefined {
    const v = this.#fields.get(name.toLowerCase());
    if (v === undefined) return undefined;
    if (typeof v !== 'object' || Array.isArray(v) || Object.values(v as object).some((x) => typeof x !== 'string')) {
      throw this.#bad(name, 'expected a map of strings');
    }
    return v as Record<string, string>;
  }

  /** A list of `{key, value}` pairs (labels) as a map. */
  pairs(name: string): Record<string, string> {
    const out: Record<string, string> = {};
    for (const kv of this.list(name)) out[kv.str('key')] = kv.str('value');
    return out;
  }

  #array(name: string): unknown[] {
    const v = this.#fields.get(name.toLowerCase());
    if (v === undefined) return [];
    if (!Array.isArray(v)) throw this.#bad(name, 'expected a list');
    return v;
  }

  #bad(name: string, detail: string): BadInputError {
    return new BadInputError(this.source, field(this.at, name), `${detail} (proto-JSON value)`);
  }
}
