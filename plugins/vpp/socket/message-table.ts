/**
 * @module The message table VPP sends in `sockclnt_create_reply`: `name_crc` → message ID.
 * Matching it against our definitions tells, per message, its ID in this VPP, or that VPP lacks
 * it, or that VPP has it with another CRC (another layout: using it would corrupt data).
 */
import type { ApiDefinitions } from './api-definitions.ts';
import { VppMessageUnavailableError } from './socket-errors.ts';

/** One entry of `sockclnt_create_reply.message_table`. */
export interface MessageTableEntry {
  readonly index: number;
  /** `name_crc`, e.g. `show_version_51077d14`. */
  readonly name: string;
}

/** Messages we define but cannot use with this VPP. */
export interface CompatibilityReport {
  /** Sorted names VPP does not have at all. */
  readonly missing: readonly string[];
  /** Sorted names VPP has with another CRC. */
  readonly crcMismatch: readonly { readonly name: string; readonly expected: string; readonly vpp: readonly string[] }[];
}

/** Splits `name_crc` at the last underscore (`crc` without `0x`). */
function splitNameCrc(entry: string): { name: string; crc: string } | undefined {
  const m = /^(.+)_([0-9a-f]{8})$/i.exec(entry);
  return m ? { name: m[1]!, crc: m[2]!.toLowerCase() } : undefined;
}

/** Our definitions resolved against one VPP's table. */
export class MessageTable {
  readonly #idByName = new Map<string, number>();
  readonly #nameById = new Map<number, string>();
  readonly #vppCrcs = new Map<string, string[]>();
  readonly #defs: ApiDefinitions;

  /**
   * @param entries the table from `sockclnt_create_reply`
   * @param defs our definitions; only messages whose `name_crc` matches get an ID
   */
  constructor(entries: readonly MessageTableEntry[], defs: ApiDefinitions) {
    this.#defs = defs;
    for (const e of entries) {
      const parsed = splitNameCrc(e.name);
      if (!parsed) continue;
      const crcs = this.#vppCrcs.get(parsed.name) ?? [];
      crcs.push(`0x${parsed.crc}`);
      this.#vppCrcs.set(parsed.name, crcs);
      if (defs.nameCrc(parsed.name) === `${parsed.name}_${parsed.crc}`) {
        this.#idByName.set(parsed.name, e.index);
        this.#nameById.set(e.index, parsed.name);
      }
    }
  }

  /** Number of messages usable with this VPP. */
  get size(): number {
    return this.#idByName.size;
  }

  /** The ID of `name`, or undefined when VPP lacks it (or has another CRC). */
  id(name: string): number | undefined {
    return this.#idByName.get(name);
  }

  /**
   * The ID of `name`.
   * @throws {VppMessageUnavailableError} When VPP lacks it or has it with another CRC (naming both).
   */
  require(name: string): number {
    const id = this.#idByName.get(name);
    if (id !== undefined) return id;
    const expected = this.#defs.message(name)?.crc ?? 'undefined';
    throw new VppMessageUnavailableError(name, expected, [...(this.#vppCrcs.get(name) ?? [])].sort());
  }

  /** The name of message ID `id` (only messages we can decode). */
  name(id: number): string | undefined {
    return this.#nameById.get(id);
  }

  /** Which of `names` (default: every defined message) this VPP cannot serve. */
  compatibility(names: readonly string[] = this.#defs.messageNames()): CompatibilityReport {
    const missing: string[] = [];
    const crcMismatch: { name: string; expected: string; vpp: string[] }[] = [];
    for (const name of [...names].sort()) {
      if (this.#idByName.has(name)) continue;
      const vpp = this.#vppCrcs.get(name);
      if (vpp && vpp.length > 0) crcMismatch.push({ name, expected: this.#defs.message(name)?.crc ?? 'undefined', vpp: [...vpp].sort() });
      else missing.push(name);
    }
    return { missing, crcMismatch };
  }
}
