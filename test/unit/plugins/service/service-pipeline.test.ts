import { describe, expect, it } from 'vitest';
import type { KsrChange } from '../../../../plugins/ksr/api.ts';
import type { KsrKinds, Node } from '../../../../plugins/ksr/model.ts';
import type { NodeContext } from '../../../../plugins/service/node-context.ts';
import type { CachedKind } from '../../../../plugins/service/service-cache.ts';
import { ServicePipeline } from '../../../../plugins/service/service-pipeline.ts';
import type { NatStaticMapping } from '../../../../plugins/vpp/model.ts';
import { address, endpoints, epPort, nodeContext, pod, service, subset, tcpPort } from './service-fixtures.ts';

interface World {
  services: KsrKinds['service'][];
  endpoints: KsrKinds['endpoints'][];
  pods: KsrKinds['pod'][];
  nodes: Node[];
}

function setup(world: Partial<World> = {}, ctx: { value: NodeContext } = { value: nodeContext() }): ServicePipeline {
  const p = new ServicePipeline({ snat: true, weights: { local: 1, remote: 1 } }, () => ctx.value);
  const lists: { [K in CachedKind]: readonly KsrKinds[K][] } = {
    service: world.services ?? [],
    endpoints: world.endpoints ?? [],
    endpointslice: [],
    pod: world.pods ?? [],
    node: world.nodes ?? [],
  };
  p.resync((kind) => lists[kind]);
  return p;
}

const put = <K extends CachedKind>(kind: K, id: string, value: KsrKinds[K]): KsrChange => ({ kind, key: `k8s/${kind}/${id}`, id, value }) as KsrChange;
const del = (kind: CachedKind, id: string): KsrChange => ({ kind, key: `k8s/${kind}/${id}`, id }) as KsrChange;
const ops = (o: ReturnType<ServicePipeline['apply']>): string[] => o.changes.map((c) => `${c.op} ${c.key}`);

const webEndpoints = (...ips: string[]): KsrKinds['endpoints'] =>
  endpoints('web', [subset(ips.map((ip) => address(ip, ip.startsWith('10.1.1.') ? 'node1' : 'node2', `p-${ip}`)), [epPort(8080)])]);

describe('ServicePipeline', () => {
  it('resync() puts the base config and every Service, and values() lists them sorted', () => {
    const p = setup({ services: [service('web')], endpoints: [webEndpoints('10.1.1.2')] });
    expect(p.values().map((v) => v.key)).toEqual([
      'vpp/nat/address/10.1.1.1',
      'vpp/nat/address/192.168.16.1',
      'vpp/nat/global',
      'vpp/nat/identity/17/192.168.16.1/4789',
      'vpp/nat/interface/GigabitEthernet0/8/0',
      'vpp/nat/interface/tap-vpp2',
      'vpp/nat/interface/tap0',
      'vpp/nat/interface/tap1',
      'vpp/nat/interface/vxlanBVI',
      'vpp/nat/reject/0/10.96.0.10/0',
      'vpp/nat/static/6/10.96.0.10/80',
    ]);
  });

  it('apply() changes only the mapping of the Service whose endpoints changed', () => {
    const other = service('api', { clusterIPs: ['10.96.0.20'] });
    const p = setup({ services: [service('web'), other], endpoints: [webEndpoints('10.1.1.2'), endpoints('api', [subset([address('10.1.2.5', 'node2')], [epPort(8080)])])] });
    const out = p.apply([put('endpoints', 'default/web', webEndpoints('10.1.1.2', '10.1.2.3'))]);
    expect(ops(out)).toEqual(['put vpp/nat/static/6/10.96.0.10/80']);
    expect((out.changes[0] as { value: NatStaticMapping }).value.locals.map((l) => l.ip)).toEqual(['10.1.1.2', '10.1.2.3']);
  });

  it('apply() replaces the mapping by a reject when the last endpoint goes, and back', () => {
    const p = setup({ services: [service('web')], endpoints: [webEndpoints('10.1.1.2')] });
    expect(ops(p.apply([put('endpoints', 'default/web', webEndpoints())]))).toEqual([
      'put vpp/nat/reject/6/10.96.0.10/80',
      'delete vpp/nat/static/6/10.96.0.10/80',
    ]);
    expect(ops(p.apply([put('endpoints', 'default/web', webEndpoints('10.1.2.2'))]))).toEqual([
      'delete vpp/nat/reject/6/10.96.0.10/80',
      'put vpp/nat/static/6/10.96.0.10/80',
    ]);
  });

  it('apply() updates a Service in place when its ports, type or affinity change, and removes everything when it is deleted', () => {
    const p = setup({ services: [service('web')], endpoints: [webEndpoints('10.1.1.2', '10.1.2.2')] });
    const changed = service('web', { type: 'NodePort', sessionAffinity: 'ClientIP', sessionAffinityTimeoutSeconds: 5, ports: [tcpPort(80, 8080, { nodePort: 30080 })] });
    expect(ops(p.apply([put('service', 'default/web', changed)]))).toEqual([
      'put vpp/nat/static/6/10.96.0.10/80',
      'put vpp/nat/static/6/192.168.16.1/30080',
      'put vpp/nat/static/6/192.168.16.2/30080',
    ]);
    expect(ops(p.apply([del('service', 'default/web')]))).toEqual([
      'delete vpp/nat/reject/0/10.96.0.10/0',
      'delete vpp/nat/static/6/10.96.0.10/80',
      'delete vpp/nat/static/6/192.168.16.1/30080',
      'delete vpp/nat/static/6/192.168.16.2/30080',
    ]);
    expect(p.services()).toEqual([]);
  });

  it('apply() re-processes a Service when a pod behind it fails', () => {
    const p = setup({ services: [service('web')], endpoints: [webEndpoints('10.1.1.2', '10.1.2.2')], pods: [pod('p-10.1.1.2', '10.1.1.2', 'node1')] });
    const out = p.apply([put('pod', 'default/p-10.1.1.2', pod('p-10.1.1.2', '10.1.1.2', 'node1', { phase: 'Failed' }))]);
    expect((out.changes[0] as { value: NatStaticMapping }).value.locals.map((l) => l.ip)).toEqual(['10.1.2.2']);
    expect(ops(p.apply([put('pod', 'default/unrelated', pod('unrelated', '10.1.1.9', 'node1'))]))).toEqual([]);
  });

  it('nodeChanged() follows a node IP change: NodePorts, SNAT pool and identity mapping move', () => {
    const ctx = { value: nodeContext() };
    const np = service('web', { type: 'NodePort', ports: [tcpPort(80, 8080, { nodePort: 30080 })] });
    const p = setup({ services: [np], endpoints: [webEndpoints('10.1.1.2')] }, ctx);
    ctx.value = nodeContext({ nodeIp: '192.168.16.9/24', ownAddresses: ['192.168.16.9'] });
    expect(ops(p.nodeChanged())).toEqual([
      'delete vpp/nat/address/192.168.16.1',
      'put vpp/nat/address/192.168.16.9',
      'delete vpp/nat/identity/17/192.168.16.1/4789',
      'put vpp/nat/identity/17/192.168.16.9/4789',
      'delete vpp/nat/static/6/192.168.16.1/30080',
      'put vpp/nat/static/6/192.168.16.9/30080',
    ]);
    expect(p.snat().choice?.address).toBe('192.168.16.9');
  });

  it('nodeChanged() only touches interface features when a pod is wired', () => {
    const ctx = { value: nodeContext() };
    const p = setup({ services: [service('web')], endpoints: [webEndpoints('10.1.1.2')] }, ctx);
    ctx.value = nodeContext({ podInterfaces: ['tap0', 'tap1', 'tap2'] });
    expect(ops(p.nodeChanged())).toEqual(['put vpp/nat/interface/tap2']);
    ctx.value = nodeContext({ podInterfaces: ['tap1', 'tap2'] });
    expect(ops(p.nodeChanged())).toEqual(['delete vpp/nat/interface/tap0']);
  });

  it('apply() and nodeChanged() do nothing before the first resync', () => {
    const p = new ServicePipeline({ snat: true, weights: { local: 1, remote: 1 } }, () => nodeContext());
    expect(p.apply([put('service', 'default/web', service('web'))]).changes).toEqual([]);
    expect(p.nodeChanged().changes).toEqual([]);
    expect(p.resynced).toBe(false);
  });

  it('apply() reports a bad Service once and keeps the others', () => {
    const p = setup({ services: [service('web')], endpoints: [webEndpoints('10.1.1.2')] });
    const bad = service('bad', { clusterIPs: ['10.96.0.30'], externalIPs: ['nope'] });
    const first = p.apply([put('service', 'default/bad', bad)]);
    expect(first.newProblems.map((e) => `${e.source} ${e.field}`)).toEqual(['Service default/bad spec.externalIPs[0]']);
    expect(p.apply([put('endpoints', 'default/web', webEndpoints('10.1.1.3'))]).newProblems).toEqual([]);
    expect(p.service('default/web')?.ports[0]?.frontends[0]?.action).toBe('forward');
  });

  it('frontend() and byTag() find the Service behind an address or a tag', () => {
    const p = setup({ services: [service('web')], endpoints: [webEndpoints('10.1.1.2')] });
    expect(p.frontend('TCP', '10.96.0.10', 80)?.service.id).toBe('default/web');
    expect(p.frontend('UDP', '10.96.0.10', 80)).toBeUndefined();
    expect(p.byTag('svc:default/web:80')?.port?.port).toBe(80);
    expect(p.byTag('svc:default/web')).toMatchObject({ service: { id: 'default/web' } });
    expect(p.byTag('svc:default/nope')).toBeUndefined();
  });

  it('apply() reports a frontend claimed by two Services and gives it to the first by name', () => {
    const p = setup({ services: [service('web', { externalIPs: ['203.0.113.1'] })], endpoints: [webEndpoints('10.1.1.2')] });
    const out = p.apply([put('service', 'default/aaa', service('aaa', { clusterIPs: ['10.96.0.40'], externalIPs: ['203.0.113.1'] }))]);
    expect(out.newClashes).toEqual([{ slot: '6/203.0.113.1/80', winner: 'default/aaa', losers: ['default/web'] }]);
    expect(p.frontend('TCP', '203.0.113.1', 80)?.service.id).toBe('default/aaa');
  });
});
