import { describe, expect, it } from 'vitest';
import { LocalPodRegistry } from '../../../../../plugins/contiv/pod/local-pod-registry.ts';
import { vswitchState } from '../../../../../plugins/contiv/vswitch/vswitch-state.ts';
import { nodePlan, remotePlan } from './plan-fixture.ts';

describe('vswitchState', () => {
  it('vswitchState() joins every connectable remote node to the bridge domain, skipping this node', () => {
    const state = vswitchState(nodePlan(), [remotePlan(3), remotePlan(1), remotePlan(2)], []);
    expect(state.has('vpp/interface/vxlan1')).toBe(false);
    expect(state.get('vpp/bd/vxlanBD')).toMatchObject({ interfaces: [{ name: 'vxlanBVI' }, { name: 'vxlan2' }, { name: 'vxlan3' }] });
  });

  it('vswitchState() builds no tunnels before the node IP is known (DHCP) but keeps the BD', () => {
    const { nodeIp: _ip, ...plan } = nodePlan({ main: { name: 'GigabitEthernet0/8/0', dhcp: true } });
    const state = vswitchState(plan, [remotePlan(2)], []);
    expect([...state.keys()].filter((k) => k.includes('vxlan2') || k.includes('10.1.2.0'))).toEqual([]);
    expect(state.get('vpp/bd/vxlanBD')).toMatchObject({ interfaces: [{ name: 'vxlanBVI' }] });
  });

  it('vswitchState() includes every wired pod and is the same for the same input', () => {
    const pods = new LocalPodRegistry();
    pods.add({ id: { namespace: 'a', name: 'p' }, containerId: 'c1', netns: '/n', ifName: 'eth0', ip: '10.1.1.2' });
    const a = vswitchState(nodePlan(), [remotePlan(2)], pods.list());
    const b = vswitchState(nodePlan(), [remotePlan(2)], pods.list());
    expect([...a.keys()]).toEqual([...b.keys()]);
    expect([...a.keys()].filter((k) => k.startsWith('vpp/route/0/10.1.1.2/32'))).toHaveLength(1);
  });

  it('vswitchState() has no bridge domain in L2 mode', () => {
    const { vxlan: _v, ...l2 } = nodePlan();
    const state = vswitchState(l2, [remotePlan(2)], []);
    expect(state.has('vpp/bd/vxlanBD')).toBe(false);
    expect(state.has('vpp/route/0/10.1.2.0/24/192.168.16.2/GigabitEthernet0/8/0')).toBe(true);
  });
});
