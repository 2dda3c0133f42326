/**
 * @module Desired-state descriptor for `vpp/nat/static/<proto>/<ip>/<port>`: a NAT44 static
 * mapping (one local) or load-balanced static mapping (several locals; VPP needs at least two).
 * Ours by tag, except the `reject:` mappings of the nat-reject descriptor (handed to it through
 * NatRejectSightings). A load-balanced mapping whose backends alone change is updated in place
 * (`nat44_lb_static_mapping_add_del_local`, see nat-lb-locals.ts); any other change re-creates.
 */
import { BadInputError } from '../../../../core/errors.ts';
import { formatIp4, parseIp4 } from '../../../net/ipv4.ts';
import type { VppChannel } from '../../channel.ts';
import { NatConfigFlags, type Nat44StaticMappingDetails } from '../../messages/nat44.ts';
import { U32_MAX, ip4Bytes, ip4FromBytes } from '../../messages/vpp-types.ts';
import { vppKeys, type NatLocal, type NatStaticMapping } from '../../model.ts';
import type { Descriptor, DumpedValue } from '../descriptor.ts';
import { compareKeys } from '../key-order.ts';
import { valuesEqual } from '../value-equal.ts';
import { NAT_STATIC } from './descriptor-names.ts';
import { NAT44_ENABLED } from './nat-global.ts';
import { checkInt, checkIp, checkKey, checkTag } from './field-checks.ts';
import { planLocalChanges } from './nat-lb-locals.ts';
import { REJECT_TAG_PREFIX, isRejectMappingTag } from './nat-reject-realisation.ts';
import type { NatRejectSightings } from './nat-reject-sightings.ts';

/** NAT flags of a mapping. */
export function mappingFlags(m: Pick<NatStaticMapping, 'out2inOnly' | 'twiceNat'>): number {
  return (
    (m.out2inOnly ? NatConfigFlags.NAT_IS_OUT2IN_ONLY : 0) |
    (m.twiceNat === 'enabled' ? NatConfigFlags.NAT_IS_TWICE_NAT : 0) |
    (m.twiceNat === 'self' ? NatConfigFlags.NAT_IS_SELF_TWICE_NAT : 0)
  );
}

const twiceNatOf = (flags: number): NatStaticMapping['twiceNat'] =>
  flags & NatConfigFlags.NAT_IS_SELF_TWICE_NAT ? 'self' : flags & NatConfigFlags.NAT_IS_TWICE_NAT ? 'enabled' : 'disabled';

/** What decides a mapping's behaviour: one local = plain static mapping (no weights, no affinity). */
function canonical(m: NatStaticMapping): unknown {
  const lb = m.locals.length > 1;
  const locals = [...m.locals]
    .map((l) => ({ ip: l.ip, port: l.port, ...(lb ? { probability: l.probability } : {}) }))
    .sort((a, b) => compareKeys(`${a.ip}:${a.port}`, `${b.ip}:${b.port}`));
  return { ...m, locals, affinity: lb ? m.affinity : 0 };
}

/** The static-mapping descriptor over `ch`; its dump tells `rejects` what it saw of the nat-reject mappings. */
export function natStaticDescriptor(ch: VppChannel, rejects?: NatRejectSightings): Descriptor<NatStaticMapping, void> {
  const addDel = async (m: NatStaticMapping, isAdd: boolean): Promise<void> => {
    const flags = mappingFlags(m);
    const ext = ip4Bytes(parseIp4(m.externalIp));
    const [only] = m.locals;
    if (m.locals.length === 1 && only) {
      await ch.request({
        _msgname: 'nat44_add_del_static_mapping',
        is_add: isAdd,
        flags,
        local_ip_address: ip4Bytes(parseIp4(only.ip)),
        external_ip_address: ext,
        protocol: m.protocol,
        local_port: only.port,
        external_port: m.externalPort,
        external_sw_if_index: U32_MAX,
        vrf_id: m.vrf,
        tag: m.tag,
      });
      return;
    }
    const locals = m.locals.map((l) => ({ addr: ip4Bytes(parseIp4(l.ip)), port: l.port, probability: l.probability, vrf_id: m.vrf }));
    await ch.request({
      _msgname: 'nat44_add_del_lb_static_mapping',
      is_add: isAdd,
      flags,
      external_addr: ext,
      external_port: m.externalPort,
      protocol: m.protocol,
      affinity: m.affinity,
      tag: m.tag,
      local_num: locals.length,
      locals,
    });
  };
  return {
    name: NAT_STATIC,
    keyPrefix: 'vpp/nat/static/',
    validate(key, m) {
      checkIp(key, 'externalIp', m.externalIp);
      checkInt(key, 'externalPort', m.externalPort, 1, 65535);
      if (![6, 17, 132].includes(m.protocol)) throw new BadInputError(key, 'protocol', `${m.protocol} is not 6, 17 or 132`);
      if (m.locals.length === 0) throw new BadInputError(key, 'locals', 'a mapping needs at least one local');
      m.locals.forEach((l: NatLocal, i) => {
        checkIp(key, `locals[${i}].ip`, l.ip);
        checkInt(key, `locals[${i}].port`, l.port, 1, 65535);
        checkInt(key, `locals[${i}].probability`, l.probability, m.locals.length > 1 ? 1 : 0, 255);
      });
      checkInt(key, 'affinity', m.affinity, 0, 0xffffffff);
      checkTag(key, 'tag', m.tag);
      if (isRejectMappingTag(m.tag)) throw new BadInputError(key, 'tag', `"${REJECT_TAG_PREFIX}" tags are the nat-reject descriptor's`);
      checkKey(key, vppKeys.natStatic(m.protocol, m.externalIp, m.externalPort));
    },
    equivalent: (_key, d, a) => valuesEqual(canonical(d), canonical(a)),
    recreate: (_key, d, a) => planLocalChanges(a, d) === undefined,
    dependencies: () => [NAT44_ENABLED],
    create: (_key, m) => addDel(m, true),
    async update(_key, d, a) {
      // New backends are added before old ones go: VPP keeps at least two.
      for (const { isAdd, local } of planLocalChanges(a, d) ?? []) {
        await ch.request({
          _msgname: 'nat44_lb_static_mapping_add_del_local',
          is_add: isAdd,
          external_addr: ip4Bytes(parseIp4(d.externalIp)),
          external_port: d.externalPort,
          protocol: d.protocol,
          local: { addr: ip4Bytes(parseIp4(local.ip)), port: local.port, probability: local.probability, vrf_id: d.vrf },
        });
      }
    },
    delete: (_key, m) => addDel(m, false),
    async dump() {
      const ours: DumpedValue<NatStaticMapping, void>[] = [];
      const foreign: string[] = [];
      const rejectMappings: Nat44StaticMappingDetails[] = [];
      rejects?.startMappings();
      const add = (m: NatStaticMapping): void => {
        if (m.tag === '') foreign.push(`nat44 static mapping ${m.protocol}/${m.externalIp}:${m.externalPort}`);
        else ours.push({ key: vppKeys.natStatic(m.protocol, m.externalIp, m.externalPort), value: m, metadata: undefined });
      };
      for (const d of await ch.dump({ _msgname: 'nat44_static_mapping_dump' })) {
        if (isRejectMappingTag(d.tag)) {
          rejectMappings.push(d);
          continue;
        }
        if (d.flags & NatConfigFlags.NAT_IS_ADDR_ONLY) {
          if (d.tag === '') foreign.push(`nat44 address mapping ${formatIp4(ip4FromBytes(d.external_ip_address))}`);
          continue;
        }
        add({
          externalIp: formatIp4(ip4FromBytes(d.external_ip_address)),
          externalPort: d.external_port,
          protocol: d.protocol as NatStaticMapping['protocol'],
          locals: [{ ip: formatIp4(ip4FromBytes(d.local_ip_address)), port: d.local_port, probability: 1 }],
          out2inOnly: (d.flags & NatConfigFlags.NAT_IS_OUT2IN_ONLY) !== 0,
          twiceNat: twiceNatOf(d.flags),
          affinity: 0,
          vrf: d.vrf_id,
          tag: d.tag,
        });
      }
      for (const d of await ch.dump({ _msgname: 'nat44_lb_static_mapping_dump' })) {
        if (isRejectMappingTag(d.tag)) continue;
        add({
          externalIp: formatIp4(ip4FromBytes(d.external_addr)),
          externalPort: d.external_port,
          protocol: d.protocol as NatStaticMapping['protocol'],
          locals: d.locals.map((l) => ({ ip: formatIp4(ip4FromBytes(l.addr)), port: l.port, probability: l.probability })),
          out2inOnly: (d.flags & NatConfigFlags.NAT_IS_OUT2IN_ONLY) !== 0,
          twiceNat: twiceNatOf(d.flags),
          affinity: d.affinity,
          vrf: d.locals[0]?.vrf_id ?? 0,
          tag: d.tag,
        });
      }
      rejects?.sawMappings(rejectMappings);
      return { ours, foreign };
    },
  };
}
