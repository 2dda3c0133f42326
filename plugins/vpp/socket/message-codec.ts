/**
 * @module Whole messages on the wire: the u16 message ID, the header of the message's kind
 * (request: client_index + context; reply: context; event: client_index), then the body.
 * Driven by {@linkcode ApiDefinitions}; message IDs come from the caller (VPP's table).
 *
 * @example
 * const codec = new MessageCodec(defs);
 * const bytes = codec.encode('show_version', 20, { _msgname: 'show_version' }, { context: 7, clientIndex: 1 });
 * codec.decode('show_version', bytes).context; // 7
 */
import type { ApiDefinitions, MessageDefinition, MessageKind } from './api-definitions.ts';
import { compileStruct, FieldValueError, type FieldCodec } from './field-codec.ts';
import { ApiDecodeError, ApiEncodeError, ApiMessageUndefinedError } from './socket-errors.ts';
import { isNumberU64Field } from './typed-shape.ts';
import { vppUnionSelector, type UnionSelector } from './union-selector.ts';
import { WireReader, WireUnderflowError, WireWriter } from './wire-buffer.ts';

/** Header values a sender fills in. */
export interface MessageHeader {
  /** Matches a reply to its request; 0 for events. */
  readonly context: number;
  /** The client's index from `sockclnt_create_reply` (requests and events carry it). */
  readonly clientIndex: number;
}

/** A decoded message with its header. */
export interface DecodedMessage {
  readonly kind: MessageKind;
  readonly context: number;
  readonly clientIndex: number;
  /** `{ _msgname, ...fields }`. */
  readonly msg: Record<string, unknown>;
}

/** Options of {@linkcode MessageCodec}. */
export interface MessageCodecOptions {
  /** @default vppUnionSelector */
  readonly unionSelector?: UnionSelector;
  /** Whether the u64 at `msg.field` decodes as a number. @default the typed messages' choice (`typed-shape.ts`) */
  readonly u64AsNumber?: (path: string) => boolean;
}

interface Compiled {
  readonly def: MessageDefinition;
  readonly body: FieldCodec;
}

/** Encodes and decodes messages by name with definitions loaded at run time. */
export class MessageCodec {
  readonly #defs: ApiDefinitions;
  readonly #opts: { readonly unionSelector: UnionSelector; readonly u64AsNumber: (path: string) => boolean };
  readonly #compiled = new Map<string, Compiled>();

  constructor(defs: ApiDefinitions, opts: MessageCodecOptions = {}) {
    this.#defs = defs;
    this.#opts = { unionSelector: opts.unionSelector ?? vppUnionSelector, u64AsNumber: opts.u64AsNumber ?? isNumberU64Field };
  }

  /** The definitions in use. */
  get definitions(): ApiDefinitions {
    return this.#defs;
  }

  /**
   * The compiled codec of `name`.
   * @throws {ApiMessageUndefinedError} When no definition exists.
   */
  #get(name: string): Compiled {
    let c = this.#compiled.get(name);
    if (!c) {
      const def = this.#defs.message(name);
      if (!def) throw new ApiMessageUndefinedError(name, this.#defs.origin);
      c = { def, body: compileStruct(name, def.fields, name, this.#opts) };
      this.#compiled.set(name, c);
    }
    return c;
  }

  /** The kind of message `name` (decides where the context is). */
  kind(name: string): MessageKind {
    return this.#get(name).def.kind;
  }

  /**
   * The payload of message `name` with ID `msgId`.
   * @throws {ApiMessageUndefinedError} When `name` has no definition.
   * @throws {ApiEncodeError} When a field value does not fit its definition.
   */
  encode(name: string, msgId: number, msg: object, header: MessageHeader): Uint8Array {
    const { def, body } = this.#get(name);
    const w = new WireWriter(1024);
    w.u16(msgId);
    if (def.kind === 'request') {
      w.u32(header.clientIndex);
      w.u32(header.context);
    } else if (def.kind === 'reply') w.u32(header.context);
    else if (def.kind === 'event') w.u32(header.clientIndex);
    try {
      body.encode(w, msg);
    } catch (err: unknown) {
      if (err instanceof FieldValueError) throw new ApiEncodeError(name, err.path.join('.').replace(/\.\[/g, '['), err.detail);
      throw err;
    }
    return w.finish();
  }

  /**
   * Decodes `payload` (starting with the u16 ID) as message `name`.
   * @throws {ApiDecodeError} When the payload is shorter than the definition or inconsistent.
   */
  decode(name: string, payload: Uint8Array): DecodedMessage {
    const { def, body } = this.#get(name);
    const r = new WireReader(payload);
    try {
      r.u16();
      let context = 0;
      let clientIndex = 0;
      if (def.kind === 'request') {
        clientIndex = r.u32();
        context = r.u32();
      } else if (def.kind === 'reply') context = r.u32();
      else if (def.kind === 'event') clientIndex = r.u32();
      const fields = body.decode(r, []) as Record<string, unknown>;
      return { kind: def.kind, context, clientIndex, msg: { _msgname: name, ...fields } };
    } catch (err: unknown) {
      if (err instanceof WireUnderflowError || err instanceof FieldValueError) throw new ApiDecodeError(name, r.offset, err.message);
      throw err;
    }
  }
}
