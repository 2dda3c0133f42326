import { describe, expect, it } from 'vitest';
import { planLocalChanges } from '../../../../../../plugins/vpp/config/descriptors/nat-lb-locals.ts';
import type { NatLocal, NatStaticMapping } from '../../../../../../plugins/vpp/model.ts';

const lb = (locals: NatLocal[], extra: Partial<NatStaticMapping> = {}): NatStaticMapping => ({
  externalIp: '10.96.0.10', externalPort: 80, protocol: 6, locals, out2inOnly: true, twiceNat: 'self', affinity: 0, vrf: 0, tag: 'svc:default/web:80', ...extra,
});
const l = (last: number, probability = 1): NatLocal => ({ ip: `10.1.1.${last}`, port: 8080, probability });
const said = (ops: ReturnType<typeof planLocalChanges>) => ops?.map((o) => `${o.isAdd ? '+' : '-'}${o.local.ip.split('.')[3]}/${o.local.probability}`);

describe('planLocalChanges', () => {
  it.each([
    ['adds a backend', [l(2), l(3)], [l(2), l(3), l(4)], ['+4/1']],
    ['adds before it removes', [l(2), l(3)], [l(2), l(4)], ['+4/1', '-3/1']],
    ['replaces every backend', [l(2), l(3)], [l(4), l(5)], ['+4/1', '+5/1', '-2/1', '-3/1']],
    ['turns a changed probability into remove + add', [l(2), l(3), l(4)], [l(2, 5), l(3), l(4)], ['-2/1', '+2/5']],
    ['changes a probability after adding', [l(2), l(3)], [l(2, 5), l(3), l(4)], ['+4/1', '-2/1', '+2/5']],
    ['ignores the order of the locals', [l(3), l(2)], [l(2), l(3)], []],
  ])('planLocalChanges() %s', (_what, from, to, expected) => {
    expect(said(planLocalChanges(lb(from), lb(to)))).toEqual(expected);
  });

  it.each([
    ['a probability change with two backends (VPP keeps two)', lb([l(2), l(3)]), lb([l(2, 5), l(3)])],
    ['one backend (a plain static mapping)', lb([l(2), l(3)]), lb([l(2)])],
    ['from one backend', lb([l(2)]), lb([l(2), l(3)])],
    ['another field', lb([l(2), l(3)]), lb([l(2), l(3), l(4)], { affinity: 30 })],
    ['a backend twice', lb([l(2), l(3)]), lb([l(2), l(3), l(3)])],
  ])('planLocalChanges() returns undefined (re-create) for %s', (_what, from, to) => {
    expect(planLocalChanges(from, to)).toBeUndefined();
  });
});
