import { describe, expect, it } from 'vitest';
import { ClusterView } from '../../../cluster/cluster-view.ts';
import type { Node, Pod, Service } from '../../../plugins/ksr/model.ts';
import { parseIp4 } from '../../../plugins/net/ipv4.ts';

const pod = (name: string, o: Partial<Pod> = {}): Pod => ({
  namespace: 'x', name, labels: {}, nodeName: 'n1', ip: '10.1.1.2', hostNetwork: false, ready: true, terminating: false,
  containerPorts: [{ containerPort: 8080, protocol: 'TCP' }], ...o,
});
const nodes = [{ name: 'n2', address: '192.168.16.2', podCIDR: '10.1.2.0/24' }, { name: 'n1', address: '192.168.16.1', podCIDR: '10.1.1.0/24' }];
const view = new ClusterView(
  [pod('b', { ip: '10.1.1.3', containerPorts: [] }), pod('a'), pod('h', { hostNetwork: true, nodeName: 'n2', ip: '192.168.16.2' })],
  nodes,
  new Map([['x/s', '10.96.0.2'], ['x/headless', 'None'], ['x/ext', undefined]]),
  (ip) => ip !== parseIp4('10.1.1.2'),
  new Map([['n2', '172.30.2.2']]),
);

describe('ClusterView', () => {
  it('pod(), node(), service() resolve probe references', () => {
    expect(view.pod('x', 'a')).toEqual({ node: 'n1', ip: '10.1.1.2', hostNetwork: false });
    expect(view.node('n2')).toEqual({ address: '192.168.16.2', hostAddress: '172.30.2.2' });
    expect([view.service('x', 's'), view.service('x', 'ext'), view.service('x', 'nope')]).toEqual([{ clusterIP: '10.96.0.2' }, {}, undefined]);
  });

  it('isOutside() excludes node addresses; podAt() names pods but not host-network ones', () => {
    expect([view.isOutside(parseIp4('8.8.8.8')), view.isOutside(parseIp4('192.168.16.1')), view.isOutside(parseIp4('10.1.1.2'))]).toEqual([true, false, false]);
    expect([view.podAt('n1', parseIp4('10.1.1.3')), view.podAt('n2', parseIp4('192.168.16.2'))]).toEqual(['x/b', undefined]);
  });

  it('listens() lets pods answer on declared ports only (all ports when none declared)', () => {
    const at = (ip: string) => ({ kind: 'pod' as const, node: 'n1', ip: parseIp4(ip), interface: 't' });
    expect([view.listens(at('10.1.1.2'), 6, 8080), view.listens(at('10.1.1.2'), 17, 8080), view.listens(at('10.1.1.3'), 6, 1)]).toEqual([true, false, true]);
    expect(view.listens({ kind: 'outside', ip: 1 }, 6, 1)).toBe(true);
  });

  it('podRows(), nodeRows(), serviceRows() are sorted', () => {
    expect(view.podRows().map((p) => p.name)).toEqual(['a', 'b', 'h']);
    expect(view.nodeRows().map((n) => n.name)).toEqual(['n1', 'n2']);
    expect(view.serviceRows()).toEqual([
      { namespace: 'x', name: 'ext', clusterIP: null }, { namespace: 'x', name: 'headless', clusterIP: 'None' }, { namespace: 'x', name: 's', clusterIP: '10.96.0.2' },
    ]);
  });

  it('gatewayRoutes() routes Nodes\' ExternalIPs to their node and Services\' external and LoadBalancer IPs to the first node', () => {
    const n2: Node = { name: 'n2', addresses: [{ type: 'InternalIP', address: '192.168.16.2' }, { type: 'ExternalIP', address: '203.0.113.2' }] };
    const svc = { namespace: 'x', name: 's', externalIPs: ['198.51.100.1'], loadBalancerIPs: ['203.0.113.2'] } as Partial<Service> as Service;
    expect(view.gatewayRoutes([svc], [n2])).toEqual([
      { prefix: { addr: parseIp4('198.51.100.1'), len: 32 }, via: parseIp4('192.168.16.1') },
      { prefix: { addr: parseIp4('203.0.113.2'), len: 32 }, via: parseIp4('192.168.16.2') },
    ]);
  });
});
