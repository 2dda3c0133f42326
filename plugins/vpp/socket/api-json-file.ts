/**
 * @module The raw layout of one VPP `.api.json` file (what `vppapigen` writes to
 * `/usr/share/vpp/api/{core,plugins}/*.api.json`), validated with zod. Messages, types and unions
 * are arrays `[name, field..., {crc, options}]`; a field is `[type, name]`, `[type, name, length]`,
 * `[type, name, 0, lengthField]`, optionally followed by `{default: ...}`; enums are
 * `[name, [NAME, value]..., {enumtype}]`; aliases map a name to `{type, length?}`.
 */
import { z } from 'zod';
import { ApiDefinitionError } from './socket-errors.ts';

/** Options of a field (`[default=...]` in the `.api` source). */
export interface RawFieldOptions {
  readonly default?: unknown;
}

/** One field: type name, field name, fixed length (0 = variable), length field, options. */
export interface RawField {
  readonly type: string;
  readonly name: string;
  readonly length?: number;
  readonly lengthField?: string;
  readonly options: RawFieldOptions;
}

/** A message, type or union: its name, fields in wire order, and for messages the CRC. */
export interface RawBlock {
  readonly name: string;
  readonly fields: readonly RawField[];
  /** `0x` + 8 hex digits; only messages have one. */
  readonly crc?: string;
}

/** An enum (or enumflag): its values and the integer type it is sent as. */
export interface RawEnum {
  readonly name: string;
  readonly values: readonly (readonly [string, number])[];
  readonly enumtype: string;
  readonly flags: boolean;
}

/** An alias (`typedef u8 ip4_address[4]`, `typedef u32 interface_index`). */
export interface RawAlias {
  readonly type: string;
  readonly length?: number;
}

/** One parsed `.api.json` file. */
export interface RawApiFile {
  readonly source: string;
  readonly messages: readonly RawBlock[];
  readonly types: readonly RawBlock[];
  readonly unions: readonly RawBlock[];
  readonly enums: readonly RawEnum[];
  readonly aliases: Readonly<Record<string, RawAlias>>;
  /** Request → reply (`stream` marks a dump whose reply is a details stream). */
  readonly services: Readonly<Record<string, { readonly reply: string; readonly stream?: boolean }>>;
}

const fieldTuple = z.array(z.unknown()).min(2);
const blockTuple = z.array(z.unknown()).min(1);
const fileSchema = z
  .object({
    messages: z.array(blockTuple).default([]),
    types: z.array(blockTuple).default([]),
    unions: z.array(blockTuple).default([]),
    enums: z.array(blockTuple).default([]),
    enumflags: z.array(blockTuple).default([]),
    aliases: z.record(z.string(), z.object({ type: z.string(), length: z.number().int().min(0).optional() }).loose()).default({}),
    services: z.record(z.string(), z.object({ reply: z.string(), stream: z.boolean().optional() }).loose()).default({}),
  })
  .loose();

function parseField(source: string, owner: string, raw: unknown): RawField {
  const r = fieldTuple.safeParse(raw);
  const bad = (detail: string) => new ApiDefinitionError(source, owner, `field ${JSON.stringify(raw)}: ${detail}`);
  if (!r.success) throw bad('expected [type, name, ...]');
  const [type, name, ...rest] = r.data;
  if (typeof type !== 'string' || typeof name !== 'string') throw bad('type and name must be strings');
  let length: number | undefined;
  let lengthField: string | undefined;
  let options: RawFieldOptions = {};
  for (const item of rest) {
    if (typeof item === 'number' && Number.isInteger(item) && item >= 0 && length === undefined) length = item;
    else if (typeof item === 'string' && length !== undefined && lengthField === undefined) lengthField = item;
    else if (typeof item === 'object' && item !== null && !Array.isArray(item)) options = item as RawFieldOptions;
    else throw bad(`unexpected element ${JSON.stringify(item)}`);
  }
  return { type, name, ...(length === undefined ? {} : { length }), ...(lengthField === undefined ? {} : { lengthField }), options };
}

function parseBlock(source: string, kind: string, raw: readonly unknown[], withCrc: boolean): RawBlock {
  const [name, ...items] = raw;
  if (typeof name !== 'string') throw new ApiDefinitionError(source, kind, `name ${JSON.stringify(name)} is not a string`);
  const owner = `${kind} ${name}`;
  const fields: RawField[] = [];
  let crc: string | undefined;
  for (const item of items) {
    if (Array.isArray(item)) fields.push(parseField(source, owner, item));
    else if (typeof item === 'object' && item !== null) {
      const c = (item as { crc?: unknown }).crc;
      if (typeof c === 'string') crc = c.toLowerCase();
    } else throw new ApiDefinitionError(source, owner, `unexpected element ${JSON.stringify(item)}`);
  }
  if (withCrc && (crc === undefined || !/^0x[0-9a-f]{8}$/.test(crc))) throw new ApiDefinitionError(source, owner, `missing or malformed crc ${JSON.stringify(crc)}`);
  return { name, fields, ...(crc === undefined ? {} : { crc }) };
}

function parseEnum(source: string, raw: readonly unknown[], flags: boolean): RawEnum {
  const [name, ...items] = raw;
  if (typeof name !== 'string') throw new ApiDefinitionError(source, 'enum', `name ${JSON.stringify(name)} is not a string`);
  const values: (readonly [string, number])[] = [];
  let enumtype = 'u32';
  for (const item of items) {
    if (Array.isArray(item) && typeof item[0] === 'string' && typeof item[1] === 'number') values.push([item[0], item[1]]);
    else if (typeof item === 'object' && item !== null && typeof (item as { enumtype?: unknown }).enumtype === 'string') {
      enumtype = (item as { enumtype: string }).enumtype;
    } else throw new ApiDefinitionError(source, `enum ${name}`, `unexpected element ${JSON.stringify(item)}`);
  }
  return { name, values, enumtype, flags };
}

/**
 * Parses the text of one `.api.json` file.
 * @param source the file name, for errors
 * @throws {ApiDefinitionError} When the text is not JSON or not in VPP's layout.
 */
export function parseApiJson(text: string, source: string): RawApiFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err: unknown) {
    throw new ApiDefinitionError(source, 'file', 'not valid JSON', { cause: err });
  }
  const r = fileSchema.safeParse(json);
  if (!r.success) throw new ApiDefinitionError(source, 'file', z.prettifyError(r.error));
  const d = r.data;
  return {
    source,
    messages: d.messages.map((m) => parseBlock(source, 'message', m, true)),
    types: d.types.map((t) => parseBlock(source, 'type', t, false)),
    unions: d.unions.map((u) => parseBlock(source, 'union', u, false)),
    enums: [...d.enums.map((e) => parseEnum(source, e, false)), ...d.enumflags.map((e) => parseEnum(source, e, true))],
    aliases: d.aliases,
    services: d.services,
  };
}
