import { describe, expect, it } from 'vitest';
import { AclAction, type AclRule } from '../../../../../../plugins/vpp/messages/acl.ts';
import { VnetApiError as E } from '../../../../../../plugins/vpp/messages/api-errno.ts';
import { prefixFromText } from '../../../../../../plugins/vpp/messages/vpp-types.ts';
import { parseIp4 } from '../../../../../../plugins/net/ipv4.ts';
import { call, dumpOf, newSim } from '../../../../../fakes/vpp-sim-call.ts';

const rule = (over: Partial<AclRule> = {}): AclRule => ({
  is_permit: AclAction.ACL_ACTION_API_PERMIT,
  src_prefix: prefixFromText('10.1.0.0/16'),
  dst_prefix: prefixFromText('0.0.0.0/0'),
  proto: 6,
  srcport_or_icmptype_first: 0,
  srcport_or_icmptype_last: 65535,
  dstport_or_icmpcode_first: 80,
  dstport_or_icmpcode_last: 80,
  tcp_flags_mask: 0,
  tcp_flags_value: 0,
  ...over,
});

describe('acl handlers', () => {
  it('acl_add_replace with acl_index ~0 creates an ACL and returns its index; acl_dump returns exactly its rules', () => {
    const sim = newSim();
    const r = call(sim, 'acl_add_replace', { tag: 'contiv/vpp-policy-A', r: [rule(), rule({ is_permit: 0, proto: 17 })] });
    expect(r).toEqual({ _msgname: 'acl_add_replace_reply', acl_index: 0, retval: 0 });
    expect(sim.state.acls.get(0)!.rules[0]).toMatchObject({ isPermit: 1, src: parseIp4('10.1.0.0'), srcLen: 16, dst: 0, dstLen: 0, proto: 6, dstPortFirst: 80 });
    expect(dumpOf(sim, 'acl_dump')).toEqual([{ _msgname: 'acl_details', acl_index: 0, tag: 'contiv/vpp-policy-A', count: 2, r: [rule(), rule({ is_permit: 0, proto: 17 })] }]);
  });

  it('acl_add_replace with an existing index replaces rules and tag in place', () => {
    const sim = newSim();
    call(sim, 'acl_add_replace', { tag: 'a', r: [rule()] });
    expect(call(sim, 'acl_add_replace', { acl_index: 0, tag: 'b', r: [] })).toMatchObject({ retval: 0, acl_index: 0 });
    expect(dumpOf(sim, 'acl_dump', { acl_index: 0 })).toMatchObject([{ tag: 'b', count: 0, r: [] }]);
  });

  it('acl_add_replace with an unknown index fails with NO_SUCH_ENTRY and creates nothing', () => {
    const sim = newSim();
    expect(call(sim, 'acl_add_replace', { acl_index: 4, tag: 'x', r: [rule()] }).retval).toBe(E.NO_SUCH_ENTRY);
    expect(dumpOf(sim, 'acl_dump')).toEqual([]);
  });

  it('acl_add_replace rejects prefixes with host bits (INVALID_SRC/DST_ADDRESS) and reversed port ranges (INVALID_VALUE_2)', () => {
    const sim = newSim();
    expect(call(sim, 'acl_add_replace', { r: [rule({ src_prefix: prefixFromText('10.1.0.1/16') })] }).retval).toBe(E.INVALID_SRC_ADDRESS);
    expect(call(sim, 'acl_add_replace', { r: [rule({ dst_prefix: prefixFromText('10.2.0.1/24') })] }).retval).toBe(E.INVALID_DST_ADDRESS);
    expect(call(sim, 'acl_add_replace', { r: [rule({ dstport_or_icmpcode_first: 90, dstport_or_icmpcode_last: 80 })] }).retval).toBe(E.INVALID_VALUE_2);
  });

  it('acl_del deletes an ACL and VPP reuses its index for the next new ACL', () => {
    const sim = newSim();
    call(sim, 'acl_add_replace', { tag: 'a' });
    call(sim, 'acl_add_replace', { tag: 'b' });
    expect(call(sim, 'acl_del', { acl_index: 0 }).retval).toBe(0);
    expect(call(sim, 'acl_add_replace', { tag: 'c' }).acl_index).toBe(0);
    expect(call(sim, 'acl_add_replace', { tag: 'd' }).acl_index).toBe(2);
  });

  it('acl_del of an unknown ACL fails with NO_SUCH_ENTRY', () => {
    expect(call(newSim(), 'acl_del', { acl_index: 3 }).retval).toBe(E.NO_SUCH_ENTRY);
  });

  it('acl_del of an applied ACL fails with ACL_IN_USE_INBOUND / ACL_IN_USE_OUTBOUND', () => {
    const sim = newSim();
    const a = call(sim, 'acl_add_replace', { tag: 'in' }).acl_index;
    const b = call(sim, 'acl_add_replace', { tag: 'out' }).acl_index;
    call(sim, 'acl_interface_set_acl_list', { sw_if_index: 1, n_input: 1, acls: [a, b] });
    expect(call(sim, 'acl_del', { acl_index: a }).retval).toBe(E.ACL_IN_USE_INBOUND);
    expect(call(sim, 'acl_del', { acl_index: b }).retval).toBe(E.ACL_IN_USE_OUTBOUND);
  });

  it('acl_interface_set_acl_list splits input/output by n_input and acl_interface_list_dump reports every interface', () => {
    const sim = newSim();
    const a = call(sim, 'acl_add_replace', { tag: 'a' }).acl_index;
    const b = call(sim, 'acl_add_replace', { tag: 'b' }).acl_index;
    expect(call(sim, 'acl_interface_set_acl_list', { sw_if_index: 1, n_input: 1, acls: [b, a] }).retval).toBe(0);
    expect(sim.state.interfaceAcls.get(1)).toEqual({ input: [b], output: [a] });
    expect(dumpOf(sim, 'acl_interface_list_dump')).toEqual([
      { _msgname: 'acl_interface_list_details', sw_if_index: 0, count: 0, n_input: 0, acls: [] },
      { _msgname: 'acl_interface_list_details', sw_if_index: 1, count: 2, n_input: 1, acls: [b, a] },
    ]);
    expect(call(sim, 'acl_interface_set_acl_list', { sw_if_index: 1, acls: [] }).retval).toBe(0);
    expect(sim.state.interfaceAcls.has(1)).toBe(false);
  });

  it('acl_interface_set_acl_list fails for an unknown interface, an unknown ACL and an ACL twice in one direction', () => {
    const sim = newSim();
    const a = call(sim, 'acl_add_replace', { tag: 'a' }).acl_index;
    expect(call(sim, 'acl_interface_set_acl_list', { sw_if_index: 42, acls: [a] }).retval).toBe(E.INVALID_SW_IF_INDEX);
    expect(call(sim, 'acl_interface_set_acl_list', { sw_if_index: 1, acls: [a, 9] }).retval).toBe(E.NO_SUCH_ENTRY);
    expect(call(sim, 'acl_interface_set_acl_list', { sw_if_index: 1, acls: [a, a] }).retval).toBe(E.ENTRY_ALREADY_EXISTS);
    expect(call(sim, 'acl_interface_set_acl_list', { sw_if_index: 1, n_input: 1, acls: [a, a] }).retval).toBe(0);
    expect(sim.state.interfaceAcls.get(1)).toEqual({ input: [a], output: [a] });
  });

  it('acl_interface_add_del appends and removes one ACL, refusing duplicates and missing entries', () => {
    const sim = newSim();
    const a = call(sim, 'acl_add_replace', { tag: 'a' }).acl_index;
    expect(call(sim, 'acl_interface_add_del', { sw_if_index: 1, is_input: false, acl_index: a }).retval).toBe(0);
    expect(call(sim, 'acl_interface_add_del', { sw_if_index: 1, is_input: false, acl_index: a }).retval).toBe(E.ACL_IN_USE_OUTBOUND);
    expect(sim.state.interfaceAcls.get(1)).toEqual({ input: [], output: [a] });
    expect(call(sim, 'acl_interface_add_del', { sw_if_index: 1, is_input: true, is_add: false, acl_index: a }).retval).toBe(E.NO_SUCH_ENTRY);
    expect(call(sim, 'acl_interface_add_del', { sw_if_index: 1, is_input: true, acl_index: 5 }).retval).toBe(E.NO_SUCH_ENTRY);
    expect(call(sim, 'acl_interface_add_del', { sw_if_index: 1, is_input: false, is_add: false, acl_index: a }).retval).toBe(0);
    expect(sim.state.interfaceAcls.has(1)).toBe(false);
  });

  it('acl_dump of an unknown index returns no details', () => {
    expect(dumpOf(newSim(), 'acl_dump', { acl_index: 3 })).toEqual([]);
  });
});
