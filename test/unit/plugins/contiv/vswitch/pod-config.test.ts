import { describe, expect, it } from 'vitest';
import { LocalPodRegistry } from '../../../../../plugins/contiv/pod/local-pod-registry.ts';
import { podNames } from '../../../../../plugins/contiv/pod/pod-names.ts';
import { addPodConfig } from '../../../../../plugins/contiv/vswitch/pod-config.ts';
import type { VppValue } from '../../../../../plugins/vpp/model.ts';

const opts = { gateway: '10.1.1.1', tcpStack: false, rxRingSize: 256, txRingSize: 256 };

describe('addPodConfig', () => {
  it('addPodConfig() wires a pod: tap into its netns, /32 route and static neighbour', () => {
    const pod = new LocalPodRegistry().add({ id: { namespace: 'default', name: 'web' }, containerId: 'c1', netns: '/var/run/netns/c1', ifName: 'eth0', ip: '10.1.1.2' });
    const n = podNames('c1');
    const out = new Map<string, VppValue>();
    addPodConfig(pod, opts, out);
    expect(Object.fromEntries(out)).toEqual({
      [`vpp/interface/${n.tap}`]: {
        name: n.tap, type: 'tap', enabled: true, mac: n.vppMac, ipAddresses: [], vrf: 0, unnumberedFrom: 'podGwLoop',
        tap: { hostIfName: 'eth0', netns: '/var/run/netns/c1', hostIp: '10.1.1.2/32', hostMac: n.podMac, hostGateway: '10.1.1.1', rxRingSize: 256, txRingSize: 256 },
      },
      [`vpp/route/0/10.1.1.2/32/-/${n.tap}`]: { vrf: 0, dst: '10.1.1.2/32', outgoingInterface: n.tap, weight: 1, preference: 0 },
      [`vpp/arp/${n.tap}/10.1.1.2`]: { interface: n.tap, ip: '10.1.1.2', mac: n.podMac },
    });
  });

  it('addPodConfig() adds a loopback and an app namespace with the TCP stack', () => {
    const pod = new LocalPodRegistry().add({ id: { namespace: 'default', name: 'web' }, containerId: 'c1', netns: '/n', ifName: 'eth0', ip: '10.1.1.2' });
    const n = podNames('c1');
    const out = new Map<string, VppValue>();
    addPodConfig(pod, { ...opts, tcpStack: true }, out);
    expect(out.get(`vpp/interface/${n.loopback}`)).toEqual({ name: n.loopback, type: 'loopback', enabled: true, ipAddresses: ['10.1.1.2/32'], vrf: 0 });
    expect(out.get(`vpp/session/appns/${n.appNamespace}`)).toEqual({ namespaceId: n.appNamespace, secret: 42, interface: n.loopback });
  });
});
