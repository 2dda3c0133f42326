/** @module Content-addressed table IDs: the same rule list gives the same ID on every node and run. */
import type { ContivRule } from './contiv-rule.ts';

const hex = (n: number): string => (n >>> 0).toString(16).toUpperCase().padStart(8, '0');

function digest(a: number, b: number): string {
  const h1 = Math.imul(a ^ (a >>> 16), 2246822507) ^ Math.imul(b ^ (b >>> 13), 3266489909);
  const h2 = Math.imul(b ^ (b >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return hex(h2) + hex(h1);
}

/**
 * 64-bit hash of a string as 16 uppercase hex digits: two independent 32-bit multiply-xorshift
 * lanes over the UTF-16 code units (no crypto dependency; same result on Node and Deno).
 */
export function hash64(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const v = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ v, 2654435761);
    h2 = Math.imul(h2 ^ v, 1597334677);
  }
  return digest(h1, h2);
}

/**
 * 64-bit hash of a rule list (every field of every rule, in order) as 16 uppercase hex digits.
 * The lanes of {@linkcode hash64} fed with the rule's fields (this runs over every rule of every
 * rebuilt table).
 */
export function hashRules(rules: readonly ContivRule[]): string {
  let h1 = Math.imul(0xdeadbeef ^ rules.length, 2654435761);
  let h2 = Math.imul(0x41c6ce57 ^ rules.length, 1597334677);
  const w = WORDS;
  for (const r of rules) {
    w[0] = r.action === 'permit' ? 1 : 2;
    w[1] = r.proto;
    w[2] = r.src.addr;
    w[3] = r.src.len;
    w[4] = r.dst.addr;
    w[5] = r.dst.len;
    w[6] = r.srcPorts.first;
    w[7] = r.srcPorts.last;
    w[8] = r.dstPorts.first;
    w[9] = r.dstPorts.last;
    for (let i = 0; i < 10; i++) {
      h1 = Math.imul(h1 ^ w[i]!, 2654435761);
      h2 = Math.imul(h2 ^ w[i]!, 1597334677);
    }
  }
  return digest(h1, h2);
}

// Scratch words of one rule (uint32: addresses above 2^31 wrap exactly as `x ^ v` does).
const WORDS = new Uint32Array(10);

// Rule lists are immutable; a list shared by several tables (pods without blocks) is hashed once.
const IDS = new WeakMap<readonly ContivRule[], string>();

/** The ID of a local table with these (sorted) rules. */
export function tableIdOf(rules: readonly ContivRule[]): string {
  let id = IDS.get(rules);
  if (id === undefined) IDS.set(rules, (id = hashRules(rules)));
  return id;
}
