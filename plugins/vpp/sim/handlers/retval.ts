/** @module Builds a retval-only reply (VPP's `autoreply`). */
import type { RetvalReply } from '../../messages/vpp-types.ts';

/** The reply `name` with `retval` (0 = success). */
export function retval<N extends string>(name: N, rv = 0): RetvalReply<N> {
  return { _msgname: name, retval: rv };
}
