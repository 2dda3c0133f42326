/**
 * @module Desired-state descriptor for `vpp/nat/reject/<proto>/<ip>/<port>`: a service
 * frontend that refuses (or drops) connections no NAT44 mapping translated. Written through a
 * {@linkcode NatRejectTable}; entries with a tag are ours.
 */
import { BadInputError } from '../../../../core/errors.ts';
import { vppKeys, type NatReject } from '../../model.ts';
import type { Descriptor, DumpedValue } from '../descriptor.ts';
import { NAT_REJECT } from './descriptor-names.ts';
import { checkInt, checkIp, checkKey, checkTag } from './field-checks.ts';
import type { NatRejectTable } from './nat-reject-table.ts';

/** The nat-reject descriptor over `table`. */
export function natRejectDescriptor(table: NatRejectTable): Descriptor<NatReject, void> {
  return {
    name: NAT_REJECT,
    keyPrefix: 'vpp/nat/reject/',
    validate(key, r) {
      checkIp(key, 'ip', r.ip);
      if (![0, 6, 17, 132].includes(r.protocol)) throw new BadInputError(key, 'protocol', `${r.protocol} is not 0, 6, 17 or 132`);
      checkInt(key, 'port', r.port, 0, 65535);
      if (r.action !== 'reject' && r.action !== 'drop') throw new BadInputError(key, 'action', `"${String(r.action)}" is not reject or drop`);
      checkTag(key, 'tag', r.tag);
      checkKey(key, vppKeys.natReject(r.protocol, r.ip, r.port));
    },
    create: (_key, r) => table.add(r),
    // Adding again replaces the entry of the same frontend.
    update: (_key, r) => table.add(r),
    delete: (_key, r) => table.remove(r),
    async dump() {
      const ours: DumpedValue<NatReject, void>[] = [];
      const foreign: string[] = [];
      for (const r of await table.list()) {
        if (r.tag === '') foreign.push(`nat44 reject ${r.protocol}/${r.ip}:${r.port}`);
        else ours.push({ key: vppKeys.natReject(r.protocol, r.ip, r.port), value: r, metadata: undefined });
      }
      return { ours, foreign };
    },
  };
}
