/** @module Content-addressed table IDs: the same rule list gives the same ID on every node and run. */
import type { ContivRule } from './contiv-rule.ts';
import { ruleKey } from './contiv-rule.ts';

/**
 * 64-bit hash of a string as 16 uppercase hex digits (two independent 32-bit
 * multiply-xorshift lanes; no crypto dependency, same result on Node and Deno).
 */
export function hash64(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  const hex = (n: number): string => (n >>> 0).toString(16).toUpperCase().padStart(8, '0');
  return hex(h2) + hex(h1);
}

/** Canonical text of a rule list (the hash input). */
export function canonicalRules(rules: readonly ContivRule[]): string {
  return rules.map(ruleKey).join('\n');
}

/** The ID of a local table with these (sorted) rules. */
export function tableIdOf(rules: readonly ContivRule[]): string {
  return hash64(canonicalRules(rules));
}
