import { describe, expect, it } from 'vitest';
import { SimDhcpServer } from '../../../../../../plugins/vpp/sim/dhcp-server.ts';
import { vppKeys, type Route, type VppInterface, type VppValue } from '../../../../../../plugins/vpp/model.ts';
import { reconcilerOnSim } from '../../../../../fakes/vpp-reconciler-setup.ts';

const NIC = 'GigabitEthernet0/8/0';
const loop = (name: string, ips: string[], more: Partial<VppInterface> = {}): VppInterface => ({ name, type: 'loopback', enabled: true, ipAddresses: ips, vrf: 0, ...more });
const tap = (name: string, host: string): VppInterface => ({
  name,
  type: 'tap',
  enabled: true,
  ipAddresses: [],
  vrf: 0,
  tap: { hostIfName: host, netns: '/var/run/netns/pod1', hostIp: '10.1.1.2/32', hostGateway: '10.1.1.1', rxRingSize: 1024, txRingSize: 1024 },
});
const put = (v: VppInterface): [string, VppValue] => [vppKeys.interface(v.name), v];

describe('interfaceDescriptor', () => {
  it('update() changes admin state and addresses in place', async () => {
    const t = await reconcilerOnSim();
    await t.commit(put(loop('l', ['10.0.0.1/24', '10.0.1.1/24'])));
    t.ch.clear();
    await t.commit(put(loop('l', ['10.0.1.1/24', '10.0.2.1/24'], { enabled: false })));
    expect(t.ch.changes().map((m) => (m._msgname === 'sw_interface_add_del_address' ? `${m.is_add ? 'add' : 'del'} ${m.prefix.address.un.ip4?.join('.')}` : m._msgname))).toEqual([
      'del 10.0.0.1',
      'add 10.0.2.1',
      'sw_interface_set_flags',
    ]);
    expect(t.sim.interfaceByName('loop0')?.adminUp).toBe(false);
  });

  it('update() moves an interface to another VRF: addresses leave, the table is created, addresses return', async () => {
    const t = await reconcilerOnSim();
    await t.commit(put(loop('l', ['10.0.0.1/24'])));
    t.ch.clear();
    await t.commit(put(loop('l', ['10.0.0.1/24'], { vrf: 5 })));
    expect(t.changes()).toEqual(['sw_interface_add_del_address', 'ip_table_add_del', 'sw_interface_set_table', 'sw_interface_add_del_address']);
    expect(t.sim.interfaceByName('loop0')).toMatchObject({ vrf: 5, addresses: [{ len: 24 }] });
  });

  it('recreate() re-creates a tap whose Linux side changes, with the route through it', async () => {
    const t = await reconcilerOnSim();
    const r: Route = { vrf: 0, dst: '10.1.1.2/32', outgoingInterface: 'pod1', weight: 1, preference: 0 };
    await t.commit(put(tap('pod1', 'eth0')), [vppKeys.route(r), r]);
    t.ch.clear();
    await t.commit(put(tap('pod1', 'eth1')));
    expect(t.changes()).toEqual(['ip_route_add_del', 'tap_delete_v2', 'tap_create_v2', 'sw_interface_set_flags', 'ip_route_add_del']);
    expect(t.sim.interfaceByName('tap0')?.tap?.hostIfName).toBe('eth1');
    expect(t.sim.state.routes).toHaveLength(1);
  });

  it('dump() reads a tap back as desired, so an idle resync changes nothing', async () => {
    const t = await reconcilerOnSim();
    const desired = [put(loop('gw', ['10.1.1.1/32'])), put({ ...tap('pod1', 'eth0'), mac: '02:00:00:AA:BB:01', unnumberedFrom: 'gw' })];
    await t.commit(...desired);
    t.ch.clear();
    await t.resync(desired);
    expect(t.changes()).toEqual([]);
  });

  it('dump() reports the tap ring sizes VPP set up, and a changed ring size re-creates the tap', async () => {
    const t = await reconcilerOnSim();
    const plain: VppInterface = { ...tap('pod1', 'eth0'), tap: { hostIfName: 'eth0', hostIp: '10.1.1.2/32' } };
    await t.commit(put(plain));
    t.ch.clear();
    await t.resync([put({ ...plain, tap: { ...plain.tap!, rxRingSize: 256, txRingSize: 0 } })]);
    expect(t.changes()).toEqual([]);
    await t.resync([put({ ...plain, tap: { ...plain.tap!, rxRingSize: 2048 } })]);
    expect(t.changes()).toEqual(['tap_delete_v2', 'tap_create_v2', 'sw_interface_set_flags']);
    expect(t.sim.handle({ _msgname: 'sw_interface_tap_v2_dump', sw_if_index: 0xffffffff })).toMatchObject([{ rx_ring_sz: 2048, tx_ring_sz: 256 }]);
  });

  it('validate() admits only ring sizes VPP takes: 0 or a power of two up to 32768', async () => {
    const t = await reconcilerOnSim();
    const r = await t.commit(put({ ...tap('pod1', 'eth0'), tap: { hostIfName: 'eth0', rxRingSize: 1000 } }));
    expect(r?.invalid[0]?.error).toMatchObject({ code: 'BAD_INPUT', field: 'tap.rxRingSize' });
  });

  it('dump() reads the unnumbered source from VPP, so a resync restores a binding changed behind our back', async () => {
    const t = await reconcilerOnSim();
    const desired = [put(loop('gw', ['10.1.1.1/32'])), put({ ...tap('pod1', 'eth0'), unnumberedFrom: 'gw' })];
    await t.commit(...desired);
    const podIf = t.sim.interfaceByName('tap0')!.swIfIndex;
    // Someone re-binds the tap to the NIC (not ours): the dump names it by VPP's name.
    t.sim.handle({ _msgname: 'sw_interface_set_unnumbered', sw_if_index: 1, unnumbered_sw_if_index: podIf, is_add: true });
    t.ch.clear();
    const r = await t.resync(desired);
    expect(r.planned.map((p) => `${p.op} ${p.key}`)).toEqual([`update ${vppKeys.interface('pod1')}`]);
    expect(t.ch.changes().map((m) => (m._msgname === 'sw_interface_set_unnumbered' ? `${m.is_add ? 'bind' : 'unbind'} ${m.unnumbered_sw_if_index} to ${m.sw_if_index}` : m._msgname))).toEqual([
      `unbind ${podIf} to ${podIf}`,
      `bind ${podIf} to ${t.sim.interfaceByName('loop0')!.swIfIndex}`,
    ]);
    t.sim.handle({ _msgname: 'sw_interface_set_unnumbered', sw_if_index: podIf, unnumbered_sw_if_index: podIf, is_add: false });
    t.ch.clear();
    await t.resync(desired);
    expect(t.changes()).toEqual(['sw_interface_set_unnumbered']);
    expect(t.sim.interfaceByName('tap0')?.unnumberedOf).toBe(t.sim.interfaceByName('loop0')!.swIfIndex);
  });

  it('create() configures an existing NIC and delete() only un-configures it', async () => {
    const t = await reconcilerOnSim();
    const nic: VppInterface = { name: NIC, type: 'ethernet', enabled: true, ipAddresses: ['192.168.16.1/24'], vrf: 0 };
    await t.commit(put(nic));
    expect(t.changes()).toEqual(['sw_interface_tag_add_del', 'sw_interface_add_del_address', 'sw_interface_set_flags']);
    expect(t.sim.interfaceByName(NIC)).toMatchObject({ tag: NIC, adminUp: true, addresses: [{ len: 24 }] });
    t.ch.clear();
    await t.commit([vppKeys.interface(NIC)]);
    expect(t.sim.interfaceByName(NIC)).toMatchObject({ tag: '', adminUp: false, addresses: [] });
  });

  it('create() fails for a NIC VPP does not have, and the failure is retried', async () => {
    const t = await reconcilerOnSim();
    const r = await t.commit(put({ name: 'GigabitEthernet0/9/0', type: 'ethernet', enabled: true, ipAddresses: [], vrf: 0 }));
    expect(r?.executed[0]?.error).toMatchObject({ cause: { code: 'VPP_INTERFACE_NOT_FOUND', interfaceName: 'GigabitEthernet0/9/0' } });
    expect(t.retries).toHaveLength(1);
  });

  it('dump() leaves the address of a DHCP lease out, so the lease survives an idle resync', async () => {
    const t = await reconcilerOnSim();
    const nic: VppInterface = { name: NIC, type: 'ethernet', enabled: true, ipAddresses: [], vrf: 0, dhcpClient: { hostname: 'node-1' } };
    await t.commit(put(nic));
    expect(t.changes()).toContain('dhcp_client_config');
    new SimDhcpServer(t.sim).offer(NIC, { address: '192.168.16.5', prefixLength: 24, router: '192.168.16.1' });
    t.ch.clear();
    await t.resync([put(nic)]);
    expect(t.changes()).toEqual([]);
    expect(t.sim.interfaceByName(NIC)?.addresses).toHaveLength(1);
  });

  it('validate() rejects a tap without its Linux side and names the field', async () => {
    const t = await reconcilerOnSim();
    const { tap: _t, ...noTap } = tap('pod1', 'eth0');
    const r = await t.commit(put(noTap));
    expect(r?.invalid).toEqual([{ key: 'vpp/interface/pod1', error: expect.objectContaining({ code: 'BAD_INPUT', field: 'tap' }) }]);
    expect(t.changes()).toEqual([]);
  });
});
