/**
 * @module Big-endian byte writer and reader for binary-API payloads (VPP sends every integer in
 * network order and packs structures without padding).
 */

/** Thrown by {@linkcode WireReader} when a read runs past the end. */
export class WireUnderflowError extends Error {
  constructor(readonly offset: number, readonly wanted: number, readonly available: number) {
    super(`needs ${wanted} bytes at offset ${offset}, only ${available} left`);
  }
}

/** A growable big-endian writer. */
export class WireWriter {
  #buf: Uint8Array;
  #view: DataView;
  #len = 0;

  constructor(initial = 256) {
    this.#buf = new Uint8Array(initial);
    this.#view = new DataView(this.#buf.buffer);
  }

  /** Bytes written so far. */
  get length(): number {
    return this.#len;
  }

  /** Reserves `n` bytes and returns their offset; read `#buf`/`#view` only after (it may grow). */
  #room(n: number): number {
    const at = this.#len;
    if (at + n > this.#buf.length) {
      let size = this.#buf.length * 2;
      while (size < at + n) size *= 2;
      const next = new Uint8Array(size);
      next.set(this.#buf.subarray(0, at));
      this.#buf = next;
      this.#view = new DataView(next.buffer);
    }
    this.#len += n;
    return at;
  }

  u8(v: number): void {
    const at = this.#room(1);
    this.#view.setUint8(at, v);
  }
  u16(v: number): void {
    const at = this.#room(2);
    this.#view.setUint16(at, v);
  }
  u32(v: number): void {
    const at = this.#room(4);
    this.#view.setUint32(at, v);
  }
  u64(v: bigint): void {
    const at = this.#room(8);
    this.#view.setBigUint64(at, v);
  }
  i8(v: number): void {
    const at = this.#room(1);
    this.#view.setInt8(at, v);
  }
  i16(v: number): void {
    const at = this.#room(2);
    this.#view.setInt16(at, v);
  }
  i32(v: number): void {
    const at = this.#room(4);
    this.#view.setInt32(at, v);
  }
  i64(v: bigint): void {
    const at = this.#room(8);
    this.#view.setBigInt64(at, v);
  }
  f64(v: number): void {
    const at = this.#room(8);
    this.#view.setFloat64(at, v);
  }
  /** Raw bytes. */
  bytes(b: Uint8Array): void {
    const at = this.#room(b.length);
    this.#buf.set(b, at);
  }
  /** `n` zero bytes (padding). */
  zeros(n: number): void {
    const at = this.#room(n);
    this.#buf.fill(0, at, at + n);
  }
  /** Overwrites a u32 written earlier at `offset` (the client puts context and index in headers). */
  patchU32(offset: number, v: number): void {
    this.#view.setUint32(offset, v);
  }
  /** A copy of the bytes written. */
  finish(): Uint8Array {
    return this.#buf.slice(0, this.#len);
  }
}

/** A big-endian reader over one payload. */
export class WireReader {
  readonly #view: DataView;
  readonly #bytes: Uint8Array;
  #at: number;

  constructor(bytes: Uint8Array, offset = 0) {
    this.#bytes = bytes;
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.#at = offset;
  }

  /** Current offset. */
  get offset(): number {
    return this.#at;
  }

  /** Bytes left. */
  get remaining(): number {
    return this.#bytes.length - this.#at;
  }

  #take(n: number): number {
    if (this.#at + n > this.#bytes.length) throw new WireUnderflowError(this.#at, n, this.#bytes.length - this.#at);
    const at = this.#at;
    this.#at += n;
    return at;
  }

  u8(): number {
    return this.#view.getUint8(this.#take(1));
  }
  u16(): number {
    return this.#view.getUint16(this.#take(2));
  }
  u32(): number {
    return this.#view.getUint32(this.#take(4));
  }
  u64(): bigint {
    return this.#view.getBigUint64(this.#take(8));
  }
  i8(): number {
    return this.#view.getInt8(this.#take(1));
  }
  i16(): number {
    return this.#view.getInt16(this.#take(2));
  }
  i32(): number {
    return this.#view.getInt32(this.#take(4));
  }
  i64(): bigint {
    return this.#view.getBigInt64(this.#take(8));
  }
  f64(): number {
    return this.#view.getFloat64(this.#take(8));
  }
  /** `n` bytes (a view, not a copy). */
  bytes(n: number): Uint8Array {
    const at = this.#take(n);
    return this.#bytes.subarray(at, at + n);
  }
}
