/**
 * @module Framing of VPP's API socket: every message, both ways, is a 16-byte `msgbuf_t` header
 * (bytes 0-7 queue pointer, sent as zeros; bytes 8-11 the payload length, u32 big-endian; bytes
 * 12-15 GC timestamp, zeros) followed by the payload. A stream read may end mid-frame or hold
 * several frames; {@linkcode FrameReader} reassembles them.
 */
import { FrameTooLargeError } from './socket-errors.ts';

/** Bytes of the frame header. */
export const FRAME_HEADER_BYTES = 16;

/** Largest payload accepted; more means a corrupt stream. @default 64 MiB */
export const DEFAULT_MAX_FRAME_BYTES = 64 * 1024 * 1024;

/** `payload` with its 16-byte header. */
export function encodeFrame(payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(FRAME_HEADER_BYTES + payload.length);
  new DataView(out.buffer).setUint32(8, payload.length);
  out.set(payload, FRAME_HEADER_BYTES);
  return out;
}

/** Reassembles payloads from stream chunks. */
export class FrameReader {
  #buf = new Uint8Array(0);
  #start = 0;
  #end = 0;
  readonly #max: number;

  constructor(maxFrameBytes = DEFAULT_MAX_FRAME_BYTES) {
    this.#max = maxFrameBytes;
  }

  /** Bytes received but not yet part of a complete frame. */
  get buffered(): number {
    return this.#end - this.#start;
  }

  /**
   * Adds a chunk; returns every payload completed by it, in order (copies, safe to keep).
   * @throws {FrameTooLargeError} When a header announces more than the limit.
   */
  push(chunk: Uint8Array): Uint8Array[] {
    this.#append(chunk);
    const out: Uint8Array[] = [];
    while (this.#end - this.#start >= FRAME_HEADER_BYTES) {
      const view = new DataView(this.#buf.buffer, this.#buf.byteOffset + this.#start, FRAME_HEADER_BYTES);
      const len = view.getUint32(8);
      if (len > this.#max) throw new FrameTooLargeError(len, this.#max);
      if (this.#end - this.#start < FRAME_HEADER_BYTES + len) break;
      const from = this.#start + FRAME_HEADER_BYTES;
      out.push(this.#buf.slice(from, from + len));
      this.#start = from + len;
    }
    if (this.#start === this.#end) this.#start = this.#end = 0;
    return out;
  }

  #append(chunk: Uint8Array): void {
    const used = this.#end - this.#start;
    if (this.#end + chunk.length > this.#buf.length) {
      if (used + chunk.length <= this.#buf.length) this.#buf.copyWithin(0, this.#start, this.#end);
      else {
        // Grow geometrically, so a large frame arriving in many chunks costs linear time.
        const next = new Uint8Array(Math.max(used + chunk.length, this.#buf.length * 2, 4096));
        next.set(this.#buf.subarray(this.#start, this.#end));
        this.#buf = next;
      }
      this.#start = 0;
      this.#end = used;
    }
    this.#buf.set(chunk, this.#end);
    this.#end += chunk.length;
  }
}
