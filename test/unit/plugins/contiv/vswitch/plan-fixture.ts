/** Node and remote plans for the vswitch builder tests (default IPAM, node 1, static node IP). */
import { parseCidr, parseIp4 } from '../../../../../plugins/net/ipv4.ts';
import type { NodePlan, RemoteNodePlan } from '../../../../../plugins/contiv/vswitch/node-plan.ts';

export function nodePlan(over: Partial<NodePlan> = {}): NodePlan {
  return {
    nodeName: 'n1',
    nodeId: 1,
    main: { name: 'GigabitEthernet0/8/0', ip: { ip: parseIp4('192.168.16.1'), len: 24 }, dhcp: false },
    others: [],
    nodeIp: { ip: parseIp4('192.168.16.1'), len: 24 },
    pod: { subnet: parseCidr('10.1.1.0/24'), gateway: parseIp4('10.1.1.1'), source: 'node-id' },
    host: { network: parseCidr('172.30.1.0/24'), vppIp: parseIp4('172.30.1.1'), hostIp: parseIp4('172.30.1.2') },
    vxlan: { ip: parseIp4('192.168.30.1'), len: 24 },
    vxlanVni: 10,
    tcpStack: false,
    tap: { rxRingSize: 256, txRingSize: 256 },
    ...over,
  };
}

export function remotePlan(id: number, over: Partial<RemoteNodePlan> = {}): RemoteNodePlan {
  return {
    id,
    name: `n${id}`,
    ip: parseIp4(`192.168.16.${id}`),
    podSubnet: parseCidr(`10.1.${id}.0/24`),
    hostNetwork: parseCidr(`172.30.${id}.0/24`),
    vxlanIp: parseIp4(`192.168.30.${id}`),
    ...over,
  };
}
