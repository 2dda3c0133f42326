import { describe, expect, it } from 'vitest';
import { VnetApiError as E } from '../../../../../../plugins/vpp/messages/api-errno.ts';
import { NatConfigFlags as F, type Nat44LbAddrPort } from '../../../../../../plugins/vpp/messages/nat44.ts';
import { U32_MAX } from '../../../../../../plugins/vpp/messages/vpp-types.ts';
import { parseIp4 } from '../../../../../../plugins/net/ipv4.ts';
import { call, dumpOf, newNatSim, newSim } from '../../../../../fakes/vpp-sim-call.ts';

const sm = {
  flags: F.NAT_IS_OUT2IN_ONLY | F.NAT_IS_SELF_TWICE_NAT,
  local_ip_address: [10, 1, 1, 2] as const,
  external_ip_address: [10, 96, 0, 10] as const,
  protocol: 6,
  local_port: 8080,
  external_port: 80,
  tag: 'svc:default/web:80',
};
const local = (last: number, probability: number): Nat44LbAddrPort => ({ addr: [10, 1, 1, last], port: 8080, probability, vrf_id: 0 });
const lb = { flags: F.NAT_IS_OUT2IN_ONLY, external_addr: [10, 96, 0, 11] as const, external_port: 80, protocol: 6, affinity: 0, tag: 'lb' };

describe('nat44 mapping handlers', () => {
  it('nat44_add_del_static_mapping adds a mapping with its flags and nat44_static_mapping_dump returns exactly it', () => {
    const sim = newNatSim();
    expect(call(sim, 'nat44_add_del_static_mapping', sm).retval).toBe(0);
    expect(sim.state.nat44.staticMappings[0]).toMatchObject({
      lb: false,
      externalIp: parseIp4('10.96.0.10'),
      externalPort: 80,
      protocol: 6,
      locals: [{ ip: parseIp4('10.1.1.2'), port: 8080, vrf: 0 }],
      out2inOnly: true,
      selfTwiceNat: true,
      twiceNat: false,
    });
    expect(dumpOf(sim, 'nat44_static_mapping_dump')).toEqual([
      {
        _msgname: 'nat44_static_mapping_details',
        flags: F.NAT_IS_OUT2IN_ONLY | F.NAT_IS_SELF_TWICE_NAT,
        local_ip_address: [10, 1, 1, 2],
        external_ip_address: [10, 96, 0, 10],
        protocol: 6,
        local_port: 8080,
        external_port: 80,
        external_sw_if_index: U32_MAX,
        vrf_id: 0,
        tag: 'svc:default/web:80',
      },
    ]);
  });

  it('nat44_add_del_static_mapping refuses a duplicate external address/port/protocol with VALUE_EXIST', () => {
    const sim = newNatSim();
    call(sim, 'nat44_add_del_static_mapping', sm);
    expect(call(sim, 'nat44_add_del_static_mapping', { ...sm, local_ip_address: [10, 1, 1, 3] }).retval).toBe(E.VALUE_EXIST);
    expect(call(sim, 'nat44_add_del_static_mapping', { ...sm, external_port: 81 }).retval).toBe(0);
  });

  it('nat44_add_del_static_mapping refuses a duplicate local endpoint unless the mapping is out2in-only', () => {
    const sim = newNatSim();
    const plain = { ...sm, flags: 0 };
    call(sim, 'nat44_add_del_static_mapping', plain);
    expect(call(sim, 'nat44_add_del_static_mapping', { ...plain, external_ip_address: [10, 96, 0, 99] }).retval).toBe(E.VALUE_EXIST);
    expect(call(sim, 'nat44_add_del_static_mapping', { ...sm, external_ip_address: [10, 96, 0, 99] }).retval).toBe(0);
  });

  it('nat44_add_del_static_mapping deletes by external key and fails with NO_SUCH_ENTRY for a non-existent mapping', () => {
    const sim = newNatSim();
    call(sim, 'nat44_add_del_static_mapping', sm);
    expect(call(sim, 'nat44_add_del_static_mapping', { ...sm, is_add: false }).retval).toBe(0);
    expect(dumpOf(sim, 'nat44_static_mapping_dump')).toEqual([]);
    expect(call(sim, 'nat44_add_del_static_mapping', { ...sm, is_add: false }).retval).toBe(E.NO_SUCH_ENTRY);
  });

  it('nat44_add_del_static_mapping rejects twice-NAT on an address-only mapping with UNSUPPORTED', () => {
    expect(call(newNatSim(), 'nat44_add_del_static_mapping', { ...sm, flags: F.NAT_IS_ADDR_ONLY | F.NAT_IS_TWICE_NAT }).retval).toBe(E.UNSUPPORTED);
  });

  it('an address-only mapping ignores ports and protocol', () => {
    const sim = newNatSim();
    call(sim, 'nat44_add_del_static_mapping', { ...sm, flags: F.NAT_IS_ADDR_ONLY });
    expect(dumpOf(sim, 'nat44_static_mapping_dump')[0]).toMatchObject({ flags: F.NAT_IS_ADDR_ONLY, protocol: 0, local_port: 0, external_port: 0 });
  });

  it('nat44_add_del_static_mapping_v2 shares the mapping table with v1', () => {
    const sim = newNatSim();
    call(sim, 'nat44_add_del_static_mapping', sm);
    expect(call(sim, 'nat44_add_del_static_mapping_v2', sm).retval).toBe(E.VALUE_EXIST);
  });

  it('nat44_add_del_lb_static_mapping stores locals with probabilities and affinity; the LB dump returns them and the static dump does not', () => {
    const sim = newNatSim();
    expect(call(sim, 'nat44_add_del_lb_static_mapping', { ...lb, affinity: 10800, locals: [local(2, 1), local(3, 2)] }).retval).toBe(0);
    expect(dumpOf(sim, 'nat44_static_mapping_dump')).toEqual([]);
    expect(dumpOf(sim, 'nat44_lb_static_mapping_dump')).toEqual([
      {
        _msgname: 'nat44_lb_static_mapping_details',
        external_addr: [10, 96, 0, 11],
        external_port: 80,
        protocol: 6,
        flags: F.NAT_IS_OUT2IN_ONLY,
        affinity: 10800,
        tag: 'lb',
        local_num: 2,
        locals: [local(2, 1), local(3, 2)],
      },
    ]);
  });

  it('nat44_add_del_lb_static_mapping rejects fewer than two locals (INVALID_VALUE), a taken key (VALUE_EXIST) and a missing delete (NO_SUCH_ENTRY)', () => {
    const sim = newNatSim();
    expect(call(sim, 'nat44_add_del_lb_static_mapping', { ...lb, locals: [local(2, 1)] }).retval).toBe(E.INVALID_VALUE);
    call(sim, 'nat44_add_del_static_mapping', { ...sm, external_ip_address: [10, 96, 0, 11] });
    expect(call(sim, 'nat44_add_del_lb_static_mapping', { ...lb, locals: [local(2, 1), local(3, 1)] }).retval).toBe(E.VALUE_EXIST);
    expect(call(sim, 'nat44_add_del_lb_static_mapping', { ...lb, external_port: 90, is_add: false }).retval).toBe(E.NO_SUCH_ENTRY);
  });

  it('nat44_add_del_lb_static_mapping deletes the mapping', () => {
    const sim = newNatSim();
    call(sim, 'nat44_add_del_lb_static_mapping', { ...lb, locals: [local(2, 1), local(3, 1)] });
    expect(call(sim, 'nat44_add_del_lb_static_mapping', { ...lb, is_add: false }).retval).toBe(0);
    expect(dumpOf(sim, 'nat44_lb_static_mapping_dump')).toEqual([]);
  });

  it('nat44_add_del_identity_mapping adds, refuses duplicates and out2in-only, deletes, and the dump shows it', () => {
    const sim = newNatSim();
    const im = { flags: 0, ip_address: [192, 168, 16, 1] as const, protocol: 17, port: 4789, tag: 'vxlan' };
    expect(call(sim, 'nat44_add_del_identity_mapping', im).retval).toBe(0);
    expect(call(sim, 'nat44_add_del_identity_mapping', im).retval).toBe(E.VALUE_EXIST);
    expect(call(sim, 'nat44_add_del_identity_mapping', { ...im, port: 1, flags: F.NAT_IS_OUT2IN_ONLY }).retval).toBe(E.UNSUPPORTED);
    expect(dumpOf(sim, 'nat44_identity_mapping_dump')).toEqual([
      { _msgname: 'nat44_identity_mapping_details', flags: 0, ip_address: [192, 168, 16, 1], protocol: 17, port: 4789, sw_if_index: U32_MAX, vrf_id: 0, tag: 'vxlan' },
    ]);
    expect(call(sim, 'nat44_add_del_static_mapping', { ...sm, external_ip_address: [192, 168, 16, 1], protocol: 17, external_port: 4789 }).retval).toBe(E.VALUE_EXIST);
    expect(call(sim, 'nat44_add_del_identity_mapping', { ...im, is_add: false }).retval).toBe(0);
    expect(call(sim, 'nat44_add_del_identity_mapping', { ...im, is_add: false }).retval).toBe(E.NO_SUCH_ENTRY);
  });
  it('nat44_lb_static_mapping_add_del_local adds and removes backends in place, as VPP: at least two stay, a removed one loses its sessions', () => {
    const sim = newNatSim();
    const ext = { external_addr: lb.external_addr, external_port: 80, protocol: 6 };
    expect(call(sim, 'nat44_lb_static_mapping_add_del_local', { ...ext, local: local(5, 1) }).retval).toBe(E.NO_SUCH_ENTRY);
    call(sim, 'nat44_add_del_lb_static_mapping', { ...lb, locals: [local(2, 1), local(3, 1)] });
    expect(call(sim, 'nat44_lb_static_mapping_add_del_local', { ...ext, is_add: false, local: local(3, 1) }).retval).toBe(E.UNSPECIFIED);
    expect(call(sim, 'nat44_lb_static_mapping_add_del_local', { ...ext, local: local(3, 7) }).retval).toBe(E.VALUE_EXIST);
    expect(call(sim, 'nat44_lb_static_mapping_add_del_local', { ...ext, local: local(4, 2) }).retval).toBe(0);
    const m = sim.state.nat44.staticMappings[0]!;
    expect(m.locals.map((l) => [l.ip, l.probability])).toEqual([[parseIp4('10.1.1.2'), 1], [parseIp4('10.1.1.3'), 1], [parseIp4('10.1.1.4'), 2]]);
    const session = (inLast: number, id: number) => ({
      id, protocol: 6, inIp: parseIp4(`10.1.1.${inLast}`), inPort: 8080, outIp: parseIp4('10.96.0.11'), outPort: 80, extIp: parseIp4('10.1.9.9'), extPort: 40000 + id, isStatic: true, twiceNat: false, lastHeard: 0,
    });
    sim.state.nat44.sessions.push(session(2, 1), session(3, 2));
    expect(call(sim, 'nat44_lb_static_mapping_add_del_local', { ...ext, is_add: false, local: local(9, 1) }).retval).toBe(E.NO_SUCH_ENTRY);
    expect(call(sim, 'nat44_lb_static_mapping_add_del_local', { ...ext, is_add: false, local: local(2, 1) }).retval).toBe(0);
    expect(sim.state.nat44.sessions.map((s) => s.id)).toEqual([2]);
    expect(dumpOf(sim, 'nat44_lb_static_mapping_dump')[0]?.locals.map((l) => l.addr[3])).toEqual([3, 4]);
  });

  it('nat44_lb_static_mapping_add_del_local refuses a static or identity mapping (INVALID_VALUE) and a backend whose inside key is taken', () => {
    const sim = newNatSim();
    call(sim, 'nat44_add_del_static_mapping', sm);
    expect(call(sim, 'nat44_lb_static_mapping_add_del_local', { external_addr: [10, 96, 0, 10], external_port: 80, protocol: 6, local: local(5, 1) }).retval).toBe(E.INVALID_VALUE);
    call(sim, 'nat44_add_del_static_mapping', { ...sm, flags: 0, external_ip_address: [10, 96, 0, 12], local_ip_address: [10, 1, 1, 7], tag: 'in2out' });
    call(sim, 'nat44_add_del_lb_static_mapping', { ...lb, flags: 0, locals: [local(2, 1), local(3, 1)] });
    const ext = { external_addr: lb.external_addr, external_port: 80, protocol: 6 };
    expect(call(sim, 'nat44_lb_static_mapping_add_del_local', { ...ext, local: local(7, 1) }).retval).toBe(E.UNSPECIFIED);
  });

  it('every mapping add and delete fails with UNSUPPORTED while the NAT44-ED plugin is disabled, as in VPP 22.10', () => {
    const sim = newSim();
    const ext = { external_addr: lb.external_addr, external_port: 80, protocol: 6 };
    expect(call(sim, 'nat44_add_del_static_mapping', sm).retval).toBe(E.UNSUPPORTED);
    expect(call(sim, 'nat44_add_del_static_mapping', { ...sm, is_add: false }).retval).toBe(E.UNSUPPORTED);
    expect(call(sim, 'nat44_add_del_static_mapping_v2', sm).retval).toBe(E.UNSUPPORTED);
    expect(call(sim, 'nat44_add_del_lb_static_mapping', { ...lb, locals: [local(2, 1), local(3, 1)] }).retval).toBe(E.UNSUPPORTED);
    expect(call(sim, 'nat44_lb_static_mapping_add_del_local', { ...ext, local: local(4, 1) }).retval).toBe(E.UNSUPPORTED);
    expect(call(sim, 'nat44_add_del_identity_mapping', { ip_address: [10, 0, 0, 1], protocol: 17, port: 4789 }).retval).toBe(E.UNSUPPORTED);
    expect(sim.state.nat44.staticMappings).toEqual([]);
    expect(sim.state.nat44.identityMappings).toEqual([]);
  });
});
