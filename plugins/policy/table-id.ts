/** @module Content-addressed table IDs: the same rule list gives the same ID on every node and run. */
import type { ContivRule } from './contiv-rule.ts';

const hex = (n: number): string => (n >>> 0).toString(16).toUpperCase().padStart(8, '0');

/** Two independent 32-bit multiply-xorshift lanes (no crypto dependency; same result on Node and Deno). */
class Hash64 {
  #h1 = 0xdeadbeef;
  #h2 = 0x41c6ce57;

  /** Mixes in a 32-bit value. */
  word(v: number): this {
    this.#h1 = Math.imul(this.#h1 ^ v, 2654435761);
    this.#h2 = Math.imul(this.#h2 ^ v, 1597334677);
    return this;
  }

  /** 16 uppercase hex digits. */
  digest(): string {
    let h1 = this.#h1;
    let h2 = this.#h2;
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return hex(h2) + hex(h1);
  }
}

/** 64-bit hash of a string as 16 uppercase hex digits. */
export function hash64(text: string): string {
  const h = new Hash64();
  for (let i = 0; i < text.length; i++) h.word(text.charCodeAt(i));
  return h.digest();
}

/** 64-bit hash of a rule list (every field of every rule, in order) as 16 uppercase hex digits. */
export function hashRules(rules: readonly ContivRule[]): string {
  const h = new Hash64().word(rules.length);
  for (const r of rules) {
    h.word(r.action === 'permit' ? 1 : 2).word(r.proto)
      .word(r.src.addr).word(r.src.len).word(r.dst.addr).word(r.dst.len)
      .word(r.srcPorts.first).word(r.srcPorts.last).word(r.dstPorts.first).word(r.dstPorts.last);
  }
  return h.digest();
}

/** The ID of a local table with these (sorted) rules. */
export function tableIdOf(rules: readonly ContivRule[]): string {
  return hashRules(rules);
}
