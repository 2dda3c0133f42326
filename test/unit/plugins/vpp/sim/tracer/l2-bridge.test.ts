import { describe, expect, it } from 'vitest';
import { bdFindIp, bdFindMac } from '../../../../../../plugins/vpp/sim/tracer/l2-bridge.ts';
import { contivCluster, ip } from '../../../../../fakes/sim-state-builder.ts';

function threeNodes() {
  return contivCluster([{ name: 'node1', id: 1 }, { name: 'node2', id: 2 }, { name: 'node3', id: 3 }]);
}

describe('bdFindIp', () => {
  it('bdFindIp() resolves a remote BVI through the VXLAN tunnel leading to its node', () => {
    const c = threeNodes();
    const n1 = c.underlay.node('node1')!;
    const hit = bdFindIp(c.underlay, n1, 1, c.nodes.node1!.bvi, ip('192.168.30.3'));
    expect(hit).toMatchObject({ mac: '1a:2b:3c:4d:5e:03', owner: 'BVI vxlanBVI on node3', member: c.nodes.node1!.b.ifIndex('vxlan_tunnel3') });
  });

  it('bdFindIp() does not forward between members of one split-horizon group', () => {
    const c = threeNodes();
    const n2 = c.underlay.node('node2')!;
    // from node2's tunnel to node1, node3's BVI is reachable only through another shg-1 tunnel
    expect(bdFindIp(c.underlay, n2, 1, c.nodes.node2!.b.ifIndex('vxlan_tunnel1'), ip('192.168.30.3'))).toBeUndefined();
    expect(bdFindIp(c.underlay, n2, 1, c.nodes.node2!.b.ifIndex('vxlan_tunnel1'), ip('192.168.30.2'))).toMatchObject({ owner: 'BVI vxlanBVI on node2' });
  });

  it('bdFindIp() finds nothing when the peer tunnel is missing', () => {
    const c = threeNodes();
    const s3 = c.nodes.node3!.b.state;
    s3.interfaces.delete(c.nodes.node3!.b.ifIndex('vxlan_tunnel1'));
    expect(bdFindIp(c.underlay, c.underlay.node('node1')!, 1, c.nodes.node1!.bvi, ip('192.168.30.3'))).toBeUndefined();
  });
});

describe('bdFindMac', () => {
  it('bdFindMac() finds the local BVI by its MAC', () => {
    const c = threeNodes();
    const n1 = c.nodes.node1!;
    expect(bdFindMac(c.underlay, c.underlay.node('node1')!, 1, n1.b.ifIndex('vxlan_tunnel2'), '1a:2b:3c:4d:5e:01')).toMatchObject({ member: n1.bvi });
    expect(bdFindMac(c.underlay, c.underlay.node('node1')!, 1, n1.b.ifIndex('vxlan_tunnel2'), '1a:2b:3c:4d:5e:77')).toBeUndefined();
  });
});
