import { describe, expect, it } from 'vitest';
import { DescriptorRegistry } from '../../../../../plugins/vpp/config/descriptor-registry.ts';
import { fakeDescriptor, FakeSouthbound } from '../../../../fakes/fake-southbound.ts';

const sb = new FakeSouthbound();
const d = (name: string, keyPrefix: string, dumpAfter?: string[]) => fakeDescriptor(sb, { name, keyPrefix, ...(dumpAfter ? { dumpAfter } : {}) });

describe('DescriptorRegistry', () => {
  it('forKey() picks the longest matching prefix', () => {
    const r = new DescriptorRegistry().register(d('acl', 'vpp/acl')).register(d('acl-if', 'vpp/acl-interface/'));
    expect(r.forKey('vpp/acl-interface/x')?.name).toBe('acl-if');
    expect(r.forKey('vpp/acl/x')?.name).toBe('acl');
    expect(r.forKey('vpp/route/x')).toBeUndefined();
  });

  it('register() refuses a second descriptor with the same name or prefix', () => {
    const r = new DescriptorRegistry().register(d('a', 'a/'));
    expect(() => r.register(d('a', 'b/'))).toThrow(expect.objectContaining({ code: 'VPP_DESCRIPTOR_REGISTRATION' }));
    expect(() => r.register(d('b', 'a/'))).toThrow(/already owned by a/);
  });

  it('dumpOrder() runs each dump after those it names, ties by name, and names a cycle', () => {
    const r = new DescriptorRegistry().register(d('z', 'z/')).register(d('bind', 'b/', ['if', 'acl'])).register(d('acl', 'a/')).register(d('if', 'i/'));
    expect(r.dumpOrder().map((x) => x.name)).toEqual(['acl', 'if', 'bind', 'z']);
    const c = new DescriptorRegistry().register(d('x', 'x/', ['y'])).register(d('y', 'y/', ['x']));
    expect(() => c.dumpOrder()).toThrow(/cycle x → y → x/);
  });
});
