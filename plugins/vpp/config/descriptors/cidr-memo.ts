/**
 * @module parseCidrMemo(): `parseCidr` with a bounded memo. ACLs repeat the same prefixes in
 * every rule and every compare (10 000 rules are parsed on each create, update and resync),
 * and parsing through ipaddr.js dominated the reconciler's profile.
 */
import { parseCidr, type Cidr } from '../../../net/ipv4.ts';

const MAX_ENTRIES = 65_536;
const memo = new Map<string, Cidr>();

/** `parseCidr(text)`, remembered. @throws {IpParseError} as `parseCidr` (failures are not remembered). */
export function parseCidrMemo(text: string): Cidr {
  const hit = memo.get(text);
  if (hit) return hit;
  const c = parseCidr(text);
  if (memo.size >= MAX_ENTRIES) memo.clear();
  memo.set(text, c);
  return c;
}

/** Whether prefix text `text` names network `c` (`10.1.1.2` and `10.1.1.2/32` are the same). */
export function sameCidr(text: string, c: Pick<Cidr, 'addr' | 'len'>): boolean {
  const x = parseCidrMemo(text);
  return x.addr === c.addr && x.len === c.len;
}
