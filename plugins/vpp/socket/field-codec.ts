/**
 * @module Encoders and decoders per wire type, compiled once per message from its definition.
 * Representation (the shape of our typed messages): integers and enums are numbers (u64/i64
 * bigints unless listed as numbers), bool is boolean, strings are strings (fixed ones stop at the
 * first NUL), arrays are arrays (u8 arrays are number tuples), structs are objects, a union is
 * `{ member: value }`. A missing field encodes as its `.api` default, else zero; a count field
 * is written from the length of the array it counts.
 */
import { intBytes, type IntKind, type WireField, type WireType } from './api-definitions.ts';
import type { DecodeFrame, UnionSelector } from './union-selector.ts';
import { WireReader, type WireWriter } from './wire-buffer.ts';

/** A value that does not fit: `path` is filled in as the error travels up through structs. */
export class FieldValueError extends Error {
  readonly path: string[] = [];
  constructor(readonly detail: string) {
    super(detail);
  }
}

/** Options shared by every compiled codec. */
export interface FieldCodecOptions {
  /** Picks the reported member of a union. */
  readonly unionSelector: UnionSelector;
  /** Whether the u64/i64 at message-relative path (`msg.field.sub`) decodes as a number. */
  readonly u64AsNumber: (path: string) => boolean;
}

/** Writes one value. */
export type Encode = (w: WireWriter, v: unknown) => void;
/** Reads one value; `frames` are the enclosing structures, innermost last. */
export type Decode = (r: WireReader, frames: DecodeFrame[]) => unknown;

/** A compiled type. */
export interface FieldCodec {
  readonly encode: Encode;
  readonly decode: Decode;
}

const RANGES: Readonly<Record<IntKind, readonly [number, number]>> = {
  u8: [0, 0xff], u16: [0, 0xffff], u32: [0, 0xffffffff], i8: [-0x80, 0x7f], i16: [-0x8000, 0x7fff], i32: [-0x80000000, 0x7fffffff],
  u64: [0, Number.MAX_SAFE_INTEGER], i64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};
const BIG_RANGES = { u64: [0n, 0xffffffffffffffffn], i64: [-0x8000000000000000n, 0x7fffffffffffffffn] } as const;
const utf8 = new TextEncoder();
const utf8Decoder = new TextDecoder();

function describe(v: unknown): string {
  return typeof v === 'bigint' ? `${v}n` : JSON.stringify(v) ?? String(v);
}

function intCodec(int: IntKind, asNumber: boolean): FieldCodec {
  const [lo, hi] = RANGES[int];
  if (int === 'u64' || int === 'i64') {
    const [blo, bhi] = BIG_RANGES[int];
    return {
      encode: (w, v) => {
        const b = v === undefined ? 0n : typeof v === 'bigint' ? v : typeof v === 'number' && Number.isSafeInteger(v) ? BigInt(v) : undefined;
        if (b === undefined || b < blo || b > bhi) throw new FieldValueError(`expected ${int} (bigint or safe integer), got ${describe(v)}`);
        if (int === 'u64') w.u64(b);
        else w.i64(b);
      },
      decode: (r) => {
        const b = int === 'u64' ? r.u64() : r.i64();
        return asNumber ? Number(b) : b;
      },
    };
  }
  const check = (v: unknown): number => {
    if (v === undefined) return 0;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < lo || v > hi) throw new FieldValueError(`expected ${int} (${lo}..${hi}), got ${describe(v)}`);
    return v;
  };
  switch (int) {
    case 'u8':
      return { encode: (w, v) => w.u8(check(v)), decode: (r) => r.u8() };
    case 'u16':
      return { encode: (w, v) => w.u16(check(v)), decode: (r) => r.u16() };
    case 'u32':
      return { encode: (w, v) => w.u32(check(v)), decode: (r) => r.u32() };
    case 'i8':
      return { encode: (w, v) => w.i8(check(v)), decode: (r) => r.i8() };
    case 'i16':
      return { encode: (w, v) => w.i16(check(v)), decode: (r) => r.i16() };
    default:
      return { encode: (w, v) => w.i32(check(v)), decode: (r) => r.i32() };
  }
}

const boolCodec: FieldCodec = {
  encode: (w, v) => {
    if (v !== undefined && typeof v !== 'boolean' && v !== 0 && v !== 1) throw new FieldValueError(`expected bool, got ${describe(v)}`);
    w.u8(v === true || v === 1 ? 1 : 0);
  },
  decode: (r) => r.u8() !== 0,
};

const f64Codec: FieldCodec = {
  encode: (w, v) => {
    if (v !== undefined && typeof v !== 'number') throw new FieldValueError(`expected f64, got ${describe(v)}`);
    w.f64(v ?? 0);
  },
  decode: (r) => r.f64(),
};

function stringCodec(fixed: number | undefined): FieldCodec {
  const bytesOf = (v: unknown): Uint8Array => {
    if (v !== undefined && typeof v !== 'string') throw new FieldValueError(`expected string, got ${describe(v)}`);
    return utf8.encode(v ?? '');
  };
  if (fixed === undefined) {
    return {
      encode: (w, v) => {
        const b = bytesOf(v);
        w.u32(b.length);
        w.bytes(b);
      },
      decode: (r) => utf8Decoder.decode(r.bytes(r.u32())),
    };
  }
  return {
    encode: (w, v) => {
      // VPP reads string[N] as a C string: keep room for the NUL (as VPP's own strncpy does).
      const b = bytesOf(v).subarray(0, fixed - 1);
      w.bytes(b);
      w.zeros(fixed - b.length);
    },
    decode: (r) => {
      const b = r.bytes(fixed);
      const nul = b.indexOf(0);
      return utf8Decoder.decode(nul < 0 ? b : b.subarray(0, nul));
    },
  };
}

function withIndex(err: unknown, i: number): unknown {
  if (err instanceof FieldValueError) err.path.unshift(`[${i}]`);
  return err;
}

function arrayCodec(t: Extract<WireType, { kind: 'array' }>, elem: FieldCodec): FieldCodec {
  const encodeItems = (w: WireWriter, items: ArrayLike<unknown>, n: number) => {
    for (let i = 0; i < n; i++) {
      try {
        elem.encode(w, i < items.length ? items[i] : undefined);
      } catch (err: unknown) {
        throw withIndex(err, i);
      }
    }
  };
  const asItems = (v: unknown): ArrayLike<unknown> => {
    if (v === undefined) return [];
    if (Array.isArray(v) || v instanceof Uint8Array) return v;
    throw new FieldValueError(`expected an array, got ${describe(v)}`);
  };
  const decodeItems = (r: WireReader, frames: DecodeFrame[], n: number) => {
    const out = new Array<unknown>(n);
    for (let i = 0; i < n; i++) out[i] = elem.decode(r, frames);
    return out;
  };
  const fixed = t.fixed;
  if (fixed !== undefined) {
    return {
      encode: (w, v) => {
        const items = asItems(v);
        if (items.length > fixed) throw new FieldValueError(`expected at most ${fixed} elements, got ${items.length}`);
        encodeItems(w, items, fixed);
      },
      decode: (r, frames) => decodeItems(r, frames, fixed),
    };
  }
  const lengthField = t.lengthField!;
  return {
    encode: (w, v) => {
      const items = asItems(v);
      encodeItems(w, items, items.length);
    },
    decode: (r, frames) => {
      const n = frames[frames.length - 1]?.obj[lengthField];
      if (typeof n !== 'number') throw new FieldValueError(`length field ${lengthField} was not decoded before its array`);
      return decodeItems(r, frames, n);
    },
  };
}

function unionCodec(t: Extract<WireType, { kind: 'union' }>, path: string, opts: FieldCodecOptions): FieldCodec {
  const members = t.members.map((m) => ({ name: m.name, codec: compileType(m.type, `${path}.${m.name}`, opts) }));
  return {
    encode: (w, v) => {
      if (v !== undefined && (typeof v !== 'object' || v === null)) throw new FieldValueError(`expected a union object, got ${describe(v)}`);
      const obj = (v ?? {}) as Record<string, unknown>;
      let m: (typeof members)[number] | undefined;
      for (const x of members) {
        if (obj[x.name] !== undefined) {
          m = x;
          break;
        }
      }
      const start = w.length;
      if (m) {
        try {
          m.codec.encode(w, obj[m.name]);
        } catch (err: unknown) {
          if (err instanceof FieldValueError) err.path.unshift(m.name);
          throw err;
        }
      }
      w.zeros(t.size - (w.length - start));
    },
    decode: (r, frames) => {
      const raw = r.bytes(t.size);
      const pick = opts.unionSelector(t.name, frames, raw);
      const out: Record<string, unknown> = {};
      for (const m of members) if (pick === undefined || pick === m.name || !members.some((x) => x.name === pick)) out[m.name] = m.codec.decode(new WireReader(raw), frames);
      return out;
    },
  };
}

/**
 * Compiles a struct (or a message body): fields in wire order, count fields written from the
 * arrays they count.
 * @param path message-relative path of the struct (for `u64AsNumber` and errors)
 */
export function compileStruct(struct: string, fields: readonly WireField[], path: string, opts: FieldCodecOptions): FieldCodec {
  const counted = new Map<string, string>();
  for (const f of fields) if (f.type.kind === 'array' && f.type.lengthField !== undefined) counted.set(f.type.lengthField, f.name);
  const compiled = fields.map((f) => ({ name: f.name, dflt: f.default, codec: compileType(f.type, `${path}.${f.name}`, opts), counts: counted.get(f.name) }));
  const known = new Set(fields.map((f) => f.name));
  return {
    encode: (w, v) => {
      if (v !== undefined && (typeof v !== 'object' || v === null || Array.isArray(v))) throw new FieldValueError(`expected an object, got ${describe(v)}`);
      const obj = (v ?? {}) as Record<string, unknown>;
      for (const k in obj) if (!known.has(k) && k !== '_msgname') throw new FieldValueError(`unknown field ${k} (not in the definition of ${struct})`);
      for (const f of compiled) {
        let value = obj[f.name];
        if (f.counts !== undefined) {
          const arr = obj[f.counts];
          value = Array.isArray(arr) || arr instanceof Uint8Array ? arr.length : 0;
        } else if (value === undefined) value = f.dflt;
        try {
          f.codec.encode(w, value);
        } catch (err: unknown) {
          if (err instanceof FieldValueError) err.path.unshift(f.name);
          throw err;
        }
      }
    },
    decode: (r, frames) => {
      const obj: Record<string, unknown> = {};
      frames.push({ struct, obj });
      try {
        for (const f of compiled) obj[f.name] = f.codec.decode(r, frames);
      } finally {
        frames.pop();
      }
      return obj;
    },
  };
}

/** Compiles one wire type. */
export function compileType(t: WireType, path: string, opts: FieldCodecOptions): FieldCodec {
  switch (t.kind) {
    case 'int':
      return intCodec(t.int, opts.u64AsNumber(path));
    case 'enum':
      return intCodec(t.int, intBytes(t.int) === 8 && opts.u64AsNumber(path));
    case 'bool':
      return boolCodec;
    case 'f64':
      return f64Codec;
    case 'string':
      return stringCodec(t.fixed);
    case 'array':
      return arrayCodec(t, compileType(t.elem, path, opts));
    case 'struct':
      return compileStruct(t.name, t.fields, path, opts);
    case 'union':
      return unionCodec(t, path, opts);
  }
}
