import { describe, expect, it } from 'vitest';
import { equivalentRules, ruleFromVpp, ruleToVpp } from '../../../../../../plugins/vpp/config/descriptors/acl-rules.ts';
import type { AclRule } from '../../../../../../plugins/vpp/model.ts';

const base: AclRule = { action: 'permit', src: '10.1.0.0/16', dst: '0.0.0.0/0', proto: 6, srcPortFirst: 0, srcPortLast: 65535, dstPortFirst: 80, dstPortLast: 80 };

describe('equivalentRules', () => {
  it.each([
    ['an empty network and 0.0.0.0/0', { ...base, dst: '' }, base, true],
    ['host bits and the masked network', { ...base, src: '10.1.2.3/16' }, base, true],
    ['ports of a protocol without ports', { ...base, proto: 1, dstPortFirst: 8 }, { ...base, proto: 1 }, true],
    ['different TCP ports', { ...base, dstPortFirst: 81, dstPortLast: 81 }, base, false],
    ['different actions', { ...base, action: 'reflect' as const }, base, false],
  ])('equivalentRules() compares %s', (_what, a, b, same) => {
    expect(equivalentRules(a, b)).toBe(same);
  });

  it('ruleFromVpp() reads back what ruleToVpp() wrote', () => {
    expect(equivalentRules(ruleFromVpp(ruleToVpp(base)), base)).toBe(true);
    expect(ruleToVpp({ ...base, src: '10.1.2.3/16' }).src_prefix.address.un.ip4).toEqual([10, 1, 0, 0]);
  });
});
