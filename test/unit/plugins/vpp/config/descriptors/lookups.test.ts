import { describe, expect, it } from 'vitest';
import { AppliedState } from '../../../../../../plugins/vpp/config/applied-state.ts';
import { aclIndex, findInterfaceIndex, interfaceIndex, interfaceNames } from '../../../../../../plugins/vpp/config/descriptors/lookups.ts';

describe('lookups', () => {
  const s = new AppliedState();
  s.set({ key: 'vpp/interface/GigabitEthernet0/8/0', value: {}, metadata: { swIfIndex: 1 }, descriptor: 'vpp-interface', deps: [] });
  s.set({ key: 'vpp/acl/contiv/a', value: {}, metadata: { aclIndex: 4 }, descriptor: 'vpp-acl', deps: [] });

  it('interfaceIndex() and aclIndex() read the metadata of names that may contain slashes', () => {
    expect(interfaceIndex(s, 'GigabitEthernet0/8/0')).toBe(1);
    expect(aclIndex(s, 'contiv/a')).toBe(4);
    expect(findInterfaceIndex(s, 'nope')).toBeUndefined();
    expect(() => interfaceIndex(s, 'nope')).toThrow(expect.objectContaining({ code: 'VPP_MISSING_METADATA', key: 'vpp/interface/nope' }));
  });

  it('interfaceNames() maps sw_if_index back to our names', () => {
    expect([...interfaceNames(s)]).toEqual([[1, 'GigabitEthernet0/8/0']]);
  });
});
