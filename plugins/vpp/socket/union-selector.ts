/**
 * @module Which member of a union a decoder reports. The wire carries only the union's bytes;
 * the discriminator is a sibling or an enclosing field (`address.af`, `fib_path.proto`). Our
 * typed messages hold the one member in use (`un: { ip4 }`), so the decoder must pick it.
 */

/** A structure being decoded: its type name and the fields decoded so far. */
export interface DecodeFrame {
  readonly struct: string;
  readonly obj: Readonly<Record<string, unknown>>;
}

/**
 * Picks the member of union `union` to report, looking at the enclosing structures (innermost
 * last) and the union's raw bytes. `undefined`: report every member.
 */
export type UnionSelector = (union: string, frames: readonly DecodeFrame[], raw: Uint8Array) => string | undefined;

/**
 * VPP's discriminators for `address_union`: `af` of the enclosing `address` (ADDRESS_IP4 0,
 * ADDRESS_IP6 1), else `proto` of the enclosing `fib_path` (FIB_API_PATH_NH_PROTO_IP4 0,
 * _IP6 1). Without either, IPv4 when the last 12 bytes are zero. Other unions: every member.
 */
export const vppUnionSelector: UnionSelector = (union, frames, raw) => {
  if (union !== 'address_union') return undefined;
  for (let i = frames.length - 1; i >= 0; i--) {
    const f = frames[i]!;
    if (typeof f.obj['af'] === 'number') return f.obj['af'] === 1 ? 'ip6' : 'ip4';
    if (f.struct === 'fib_path' && typeof f.obj['proto'] === 'number') return f.obj['proto'] === 1 ? 'ip6' : 'ip4';
  }
  return raw.subarray(4).every((b) => b === 0) ? 'ip4' : 'ip6';
};
