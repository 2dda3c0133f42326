import { describe, expect, it } from 'vitest';
import { chooseSnat } from '../../../../plugins/service/snat-choice.ts';
import { nodeContext } from './service-fixtures.ts';

describe('chooseSnat', () => {
  it('chooseSnat() picks the main interface and the node IP when the gateway is in the node subnet and VXLAN is used', () => {
    expect(chooseSnat(nodeContext(), true)).toEqual({
      choice: { interface: 'GigabitEthernet0/8/0', address: '192.168.16.1', main: true },
      reason: 'gateway 192.168.16.254 is in the node subnet of GigabitEthernet0/8/0',
    });
  });

  it('chooseSnat() follows a DHCP change of the node IP and gateway', () => {
    const before = chooseSnat(nodeContext(), true);
    const after = chooseSnat(nodeContext({ nodeIp: '10.20.0.7/16', gateway: '10.20.0.1' }), true);
    expect(before.choice?.address).toBe('192.168.16.1');
    expect(after.choice).toEqual({ interface: 'GigabitEthernet0/8/0', address: '10.20.0.7', main: true });
  });

  it('chooseSnat() does not use the main interface in L2 mode (inter-node pod traffic would be translated)', () => {
    const d = chooseSnat(nodeContext({ l2Mode: true, vxlanBvi: undefined }), true);
    expect(d.choice).toBeUndefined();
    expect(d.reason).toMatch(/L2 mode/);
  });

  it('chooseSnat() picks an other interface whose subnet holds the gateway, also in L2 mode', () => {
    const ctx = nodeContext({
      gateway: '172.16.5.1',
      otherInterfaces: [
        { name: 'GigabitEthernet0/9/0', ip: '10.9.0.5/24' },
        { name: 'GigabitEthernet0/a/0', ip: '172.16.5.10/24' },
        { name: 'GigabitEthernet0/b/0' },
      ],
    });
    const expected = { interface: 'GigabitEthernet0/a/0', address: '172.16.5.10', main: false };
    expect(chooseSnat(ctx, true).choice).toEqual(expected);
    expect(chooseSnat({ ...ctx, l2Mode: true, vxlanBvi: undefined }, true).choice).toEqual(expected);
  });

  it.each([
    ['the plugin switch is off', nodeContext(), false, /plugin config/],
    ['natExternalTraffic is off', nodeContext({ natExternalTraffic: false }), true, /natExternalTraffic/],
    ['there is no default gateway', nodeContext({ gateway: undefined }), true, /no default gateway/],
    ['no interface faces the gateway', nodeContext({ gateway: '8.8.8.8' }), true, /no interface faces/],
    ['the node IP is not known yet (DHCP pending)', nodeContext({ nodeIp: undefined }), true, /no interface faces/],
  ] as const)('chooseSnat() turns SNAT off when %s', (_case, ctx, enabled, reason) => {
    const d = chooseSnat(ctx, enabled);
    expect(d.choice).toBeUndefined();
    expect(d.reason).toMatch(reason);
  });
});
