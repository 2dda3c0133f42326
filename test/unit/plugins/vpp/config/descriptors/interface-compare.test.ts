import { describe, expect, it } from 'vitest';
import { equivalentInterfaces, sameCreation } from '../../../../../../plugins/vpp/config/descriptors/interface-compare.ts';
import type { VppInterface } from '../../../../../../plugins/vpp/model.ts';

const tap: VppInterface = { name: 't', type: 'tap', enabled: true, ipAddresses: ['10.0.0.1/24', '10.0.1.1/24'], vrf: 0, tap: { hostIfName: 'eth0', hostIp: '10.1.1.2' } };

describe('equivalentInterfaces', () => {
  it('equivalentInterfaces() ignores address order, MAC case and fields VPP picks when unset', () => {
    const dumped: VppInterface = { ...tap, mac: '02:FE:00:00:00:01', ipAddresses: ['10.0.1.1/24', '10.0.0.1/24'], tap: { hostIfName: 'eth0', hostIp: '10.1.1.2/32', hostMac: '02:fe:00:00:00:02', rxRingSize: 256 } };
    expect(equivalentInterfaces(tap, dumped)).toBe(true);
    expect(equivalentInterfaces({ ...tap, mac: '02:fe:00:00:00:01' }, dumped)).toBe(true);
    expect(equivalentInterfaces({ ...tap, enabled: false }, dumped)).toBe(false);
  });

  it('sameCreation() is false when the Linux side or the type changes', () => {
    expect(sameCreation(tap, { ...tap, tap: { hostIfName: 'eth1', hostIp: '10.1.1.2' } })).toBe(false);
    expect(sameCreation(tap, { ...tap, enabled: false })).toBe(true);
    expect(sameCreation({ ...tap, type: 'loopback' }, tap)).toBe(false);
  });
});
