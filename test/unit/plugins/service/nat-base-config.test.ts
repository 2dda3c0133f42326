import { describe, expect, it } from 'vitest';
import { exportBaseNat } from '../../../../plugins/service/nat-base-config.ts';
import { chooseSnat } from '../../../../plugins/service/snat-choice.ts';
import type { NodeContext } from '../../../../plugins/service/node-context.ts';
import type { NatInterface } from '../../../../plugins/vpp/model.ts';
import { nodeContext } from './service-fixtures.ts';

const base = (ctx: NodeContext, snat = true): ReturnType<typeof exportBaseNat> => exportBaseNat(ctx, chooseSnat(ctx, snat).choice);

function features(ctx: NodeContext, snat = true): Record<string, string> {
  return Object.fromEntries(
    base(ctx, snat)
      .filter((c) => c.key.startsWith('vpp/nat/interface/'))
      .map((c) => {
        const v = c.value as NatInterface;
        return [v.name, [v.inside && 'in', v.outside && 'out', v.output && 'output'].filter(Boolean).join('+')];
      }),
  );
}

describe('exportBaseNat', () => {
  it('exportBaseNat() enables forwarding and gives pods, host interconnect, BVI and NICs inside+outside, the SNAT interface output only', () => {
    expect(features(nodeContext({ otherInterfaces: [{ name: 'GigabitEthernet0/9/0', ip: '10.9.0.5/24' }] }))).toEqual({
      'GigabitEthernet0/8/0': 'output',
      'GigabitEthernet0/9/0': 'in+out',
      'tap-vpp2': 'in+out',
      tap0: 'in+out',
      tap1: 'in+out',
      vxlanBVI: 'in+out',
    });
    expect(base(nodeContext()).find((c) => c.key === 'vpp/nat/global')?.value).toEqual({ forwarding: true });
  });

  it('exportBaseNat() puts the SNAT address and the twice-NAT address (pod gateway) into the pool', () => {
    const pool = base(nodeContext()).filter((c) => c.key.startsWith('vpp/nat/address/'));
    expect(pool.map((c) => c.value)).toEqual([
      { address: '10.1.1.1', vrf: 0, twiceNat: true },
      { address: '192.168.16.1', vrf: 0, twiceNat: false },
    ]);
  });

  it('exportBaseNat() keeps the node IP\'s VXLAN port out of dynamic translation when SNAT is on the main interface', () => {
    const identity = base(nodeContext()).find((c) => c.key.startsWith('vpp/nat/identity/'));
    expect(identity).toEqual({
      slot: '17/192.168.16.1/4789',
      key: 'vpp/nat/identity/17/192.168.16.1/4789',
      value: { ip: '192.168.16.1', protocol: 17, port: 4789, vrf: 0, tag: 'snat:vxlan' },
    });
  });

  it('exportBaseNat() without SNAT: no pool address but the twice-NAT one, no output feature, no identity mapping', () => {
    const claims = base(nodeContext(), false);
    expect(claims.filter((c) => c.key.startsWith('vpp/nat/address/')).map((c) => c.key)).toEqual(['vpp/nat/address/10.1.1.1']);
    expect(claims.some((c) => c.key.startsWith('vpp/nat/identity/'))).toBe(false);
    expect(features(nodeContext(), false)['GigabitEthernet0/8/0']).toBe('in+out');
  });

  it('exportBaseNat() in L2 mode gives the main interface inside+outside and no SNAT', () => {
    const ctx = nodeContext({ l2Mode: true, vxlanBvi: undefined });
    expect(features(ctx)).toEqual({ 'GigabitEthernet0/8/0': 'in+out', 'tap-vpp2': 'in+out', tap0: 'in+out', tap1: 'in+out' });
  });

  it('exportBaseNat() moves the pool address and identity mapping with a DHCP change of the node IP', () => {
    const keys = base(nodeContext({ nodeIp: '10.20.0.7/16', gateway: '10.20.0.1' })).map((c) => c.key);
    expect(keys).toContain('vpp/nat/address/10.20.0.7');
    expect(keys).toContain('vpp/nat/identity/17/10.20.0.7/4789');
    expect(keys).not.toContain('vpp/nat/address/192.168.16.1');
  });

  it('exportBaseNat() skips interfaces without a name and is sorted by key', () => {
    const claims = base(nodeContext({ mainInterface: '', hostInterconnect: '', podInterfaces: [] }));
    expect(claims.map((c) => c.key)).toEqual(['vpp/nat/address/10.1.1.1', 'vpp/nat/global', 'vpp/nat/interface/vxlanBVI']);
  });
});
