/**
 * @module The VPP API definitions model: every message of the loaded `.api.json` files with its
 * CRC, header kind and body fields resolved down to wire types (integers, f64, bool, enums with
 * their size, strings, fixed and variable arrays, structs, unions). Aliases disappear here:
 * `ip4_address` becomes `u8[4]`, `address_with_prefix` becomes the `prefix` struct.
 */
import type { RawAlias, RawApiFile, RawBlock, RawEnum, RawField } from './api-json-file.ts';
import { ApiDefinitionError } from './socket-errors.ts';

/** Integer types of the binary API. */
export type IntKind = 'u8' | 'u16' | 'u32' | 'u64' | 'i8' | 'i16' | 'i32' | 'i64';

/** A resolved wire type. */
export type WireType =
  | { readonly kind: 'int'; readonly int: IntKind }
  | { readonly kind: 'f64' }
  | { readonly kind: 'bool' }
  | { readonly kind: 'enum'; readonly name: string; readonly int: IntKind; readonly flags: boolean }
  /** `fixed`: a `string x[N]` of N NUL-padded bytes; absent: `string x[]`, u32 length + bytes. */
  | { readonly kind: 'string'; readonly fixed?: number }
  /** `fixed`: N elements; else the element count is in `lengthField`, a sibling sent earlier. */
  | { readonly kind: 'array'; readonly elem: WireType; readonly fixed?: number; readonly lengthField?: string }
  | { readonly kind: 'struct'; readonly name: string; readonly fields: readonly WireField[] }
  /** All members share `size` bytes (the largest member; shorter ones are zero-padded). */
  | { readonly kind: 'union'; readonly name: string; readonly members: readonly WireField[]; readonly size: number };

/** A field with its resolved type and `.api` default. */
export interface WireField {
  readonly name: string;
  readonly type: WireType;
  readonly default?: unknown;
}

/**
 * How a message starts on the wire after its u16 ID: `request` (client_index, context),
 * `reply` (context), `event` (client_index), `other` (nothing).
 */
export type MessageKind = 'request' | 'reply' | 'event' | 'other';

/** A message ready for the codec. */
export interface MessageDefinition {
  readonly name: string;
  /** `0x` + 8 hex digits. */
  readonly crc: string;
  readonly kind: MessageKind;
  /** Body fields (the header fields `_vl_msg_id`, `client_index`, `context` removed). */
  readonly fields: readonly WireField[];
  /** The file it came from. */
  readonly source: string;
}

const INTS: ReadonlySet<string> = new Set(['u8', 'u16', 'u32', 'u64', 'i8', 'i16', 'i32', 'i64']);
const INT_BYTES: Readonly<Record<IntKind, number>> = { u8: 1, u16: 2, u32: 4, u64: 8, i8: 1, i16: 2, i32: 4, i64: 8 };

/** Bytes of an integer type. */
export function intBytes(int: IntKind): number {
  return INT_BYTES[int];
}

/** `vl_api_prefix_t` → `prefix`; plain names stay. */
function typeName(t: string): string {
  const m = /^vl_api_(.+)_t$/.exec(t);
  return m ? m[1]! : t;
}

/** Fixed wire size of a type, or undefined when it varies (variable strings and arrays). */
export function fixedSize(t: WireType): number | undefined {
  switch (t.kind) {
    case 'int':
    case 'enum':
      return INT_BYTES[t.int];
    case 'f64':
      return 8;
    case 'bool':
      return 1;
    case 'string':
      return t.fixed;
    case 'array': {
      const e = fixedSize(t.elem);
      return t.fixed === undefined || e === undefined ? undefined : t.fixed * e;
    }
    case 'struct': {
      let n = 0;
      for (const f of t.fields) {
        const s = fixedSize(f.type);
        if (s === undefined) return undefined;
        n += s;
      }
      return n;
    }
    case 'union':
      return t.size;
  }
}

function messageKind(fields: readonly RawField[]): { kind: MessageKind; headerLength: number } {
  const n1 = fields[1]?.name;
  const n2 = fields[2]?.name;
  if (fields[0]?.name !== '_vl_msg_id') return { kind: 'other', headerLength: 0 };
  if (n1 === 'client_index' && n2 === 'context') return { kind: 'request', headerLength: 3 };
  if (n1 === 'context') return { kind: 'reply', headerLength: 2 };
  if (n1 === 'client_index') return { kind: 'event', headerLength: 2 };
  return { kind: 'other', headerLength: 1 };
}

type Named<T> = { readonly value: T; readonly source: string };

/** The definitions of a set of `.api.json` files, resolved on first use. */
export class ApiDefinitions {
  /** Where the definitions came from (a directory or `<inline>`), for errors. */
  readonly origin: string;
  readonly #messages = new Map<string, Named<RawBlock>>();
  readonly #types = new Map<string, Named<RawBlock>>();
  readonly #unions = new Map<string, Named<RawBlock>>();
  readonly #enums = new Map<string, Named<RawEnum>>();
  readonly #aliases = new Map<string, Named<RawAlias>>();
  readonly #services = new Map<string, string>();
  readonly #resolved = new Map<string, WireType>();
  readonly #resolving = new Set<string>();
  readonly #messageCache = new Map<string, MessageDefinition>();

  /**
   * @param files parsed files; when two define the same name, the file sorted first wins
   * @param origin the directory they were read from
   */
  constructor(files: readonly RawApiFile[], origin: string) {
    this.origin = origin;
    const sorted = [...files].sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
    const add = <T>(map: Map<string, Named<T>>, name: string, value: T, source: string) => {
      if (!map.has(name)) map.set(name, { value, source });
    };
    for (const f of sorted) {
      for (const m of f.messages) add(this.#messages, m.name, m, f.source);
      for (const t of f.types) add(this.#types, t.name, t, f.source);
      for (const u of f.unions) add(this.#unions, u.name, u, f.source);
      for (const e of f.enums) add(this.#enums, e.name, e, f.source);
      for (const [name, a] of Object.entries(f.aliases)) add(this.#aliases, name, a, f.source);
      for (const [req, s] of Object.entries(f.services)) if (!this.#services.has(req)) this.#services.set(req, s.reply);
    }
  }

  /** Names of every defined message, sorted. */
  messageNames(): string[] {
    return [...this.#messages.keys()].sort();
  }

  /** Whether `name` is defined. */
  has(name: string): boolean {
    return this.#messages.has(name);
  }

  /**
   * The resolved message `name`, or undefined when no file defines it.
   * @throws {ApiDefinitionError} When its fields refer to unknown types.
   */
  message(name: string): MessageDefinition | undefined {
    const cached = this.#messageCache.get(name);
    if (cached) return cached;
    const m = this.#messages.get(name);
    if (!m) return undefined;
    const { kind, headerLength } = messageKind(m.value.fields);
    const fields = this.#fields(m.source, `message ${name}`, m.value.fields.slice(headerLength));
    const def: MessageDefinition = { name, crc: m.value.crc ?? '0x00000000', kind, fields, source: m.source };
    this.#messageCache.set(name, def);
    return def;
  }

  /** `name_crc` as VPP lists it in its message table (`show_version_51077d14`). */
  nameCrc(name: string): string | undefined {
    const crc = this.#messages.get(name)?.value.crc;
    return crc === undefined ? undefined : `${name}_${crc.slice(2)}`;
  }

  /** The reply a service declares for request `name`. */
  replyOf(name: string): string | undefined {
    return this.#services.get(name);
  }

  /**
   * Resolves a type by name (`prefix`, `vl_api_address_t`, `u32`).
   * @throws {ApiDefinitionError} When the type is unknown.
   */
  type(name: string, source = this.origin, owner = 'type'): WireType {
    return this.#resolve(typeName(name), source, owner);
  }

  #fields(source: string, owner: string, raw: readonly RawField[]): WireField[] {
    return raw.map((f) => {
      const base = this.#resolve(typeName(f.type), source, `${owner} field ${f.name}`);
      let type: WireType = base;
      if (f.type === 'string') type = f.length ? { kind: 'string', fixed: f.length } : { kind: 'string' };
      else if (f.lengthField !== undefined) type = { kind: 'array', elem: base, lengthField: f.lengthField };
      else if (f.length !== undefined && f.length > 0) type = { kind: 'array', elem: base, fixed: f.length };
      else if (f.length === 0) throw new ApiDefinitionError(source, owner, `field ${f.name}: variable-length array without a length field`);
      if (type.kind === 'array' && type.lengthField !== undefined && !raw.some((o) => o.name === type.lengthField)) {
        throw new ApiDefinitionError(source, owner, `field ${f.name}: length field ${type.lengthField} is not a field of ${owner}`);
      }
      return { name: f.name, type, ...(f.options.default === undefined ? {} : { default: f.options.default }) };
    });
  }

  #resolve(name: string, source: string, owner: string): WireType {
    if (INTS.has(name)) return { kind: 'int', int: name as IntKind };
    if (name === 'f64') return { kind: 'f64' };
    if (name === 'bool') return { kind: 'bool' };
    if (name === 'string') return { kind: 'string' };
    const done = this.#resolved.get(name);
    if (done) return done;
    if (this.#resolving.has(name)) throw new ApiDefinitionError(source, owner, `type ${name} refers to itself`);
    this.#resolving.add(name);
    try {
      const t = this.#build(name, source, owner);
      this.#resolved.set(name, t);
      return t;
    } finally {
      this.#resolving.delete(name);
    }
  }

  #build(name: string, source: string, owner: string): WireType {
    const alias = this.#aliases.get(name);
    if (alias) {
      const base = this.#resolve(typeName(alias.value.type), alias.source, `alias ${name}`);
      return alias.value.length ? { kind: 'array', elem: base, fixed: alias.value.length } : base;
    }
    const e = this.#enums.get(name);
    if (e) {
      if (!INTS.has(e.value.enumtype)) throw new ApiDefinitionError(e.source, `enum ${name}`, `enumtype ${e.value.enumtype} is not an integer type`);
      return { kind: 'enum', name, int: e.value.enumtype as IntKind, flags: e.value.flags };
    }
    const t = this.#types.get(name);
    if (t) return { kind: 'struct', name, fields: this.#fields(t.source, `type ${name}`, t.value.fields) };
    const u = this.#unions.get(name);
    if (u) {
      const members = this.#fields(u.source, `union ${name}`, u.value.fields);
      let size = 0;
      for (const m of members) {
        const s = fixedSize(m.type);
        if (s === undefined) throw new ApiDefinitionError(u.source, `union ${name}`, `member ${m.name} has no fixed size`);
        size = Math.max(size, s);
      }
      return { kind: 'union', name, members, size };
    }
    throw new ApiDefinitionError(source, owner, `unknown type ${name}`);
  }
}
