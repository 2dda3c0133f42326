import { afterEach, describe, expect, it } from 'vitest';
import { TestAgent, type StartedTestAgent } from '../../core/testing/test-agent.ts';
import { CONTIV_API } from '../../plugins/contiv/api.ts';
import { KSR_API } from '../../plugins/ksr/api.ts';
import type { ServiceConfig } from '../../plugins/service/config.ts';
import { ServicePlugin } from '../../plugins/service/service-plugin.ts';
import { VPP_API } from '../../plugins/vpp/api.ts';
import type { NatInterface, NatStaticMapping } from '../../plugins/vpp/model.ts';
import { address, endpoints, epPort, pod, service, slice, sliceEndpoint, subset, tcpPort } from '../unit/plugins/service/service-fixtures.ts';
import { FakeContiv, FakeKsr, RecordingVpp } from './service-fakes.ts';

const started: StartedTestAgent[] = [];
afterEach(async () => {
  for (const t of started.splice(0)) await t.close();
});

/** Boots the service plugin alone (its startup resync sees empty state); `resync()` runs another one. */
async function boot(config: Partial<ServiceConfig> = {}) {
  const ksr = new FakeKsr();
  const contiv = new FakeContiv();
  const vpp = new RecordingVpp();
  const agent = await TestAgent.for(ServicePlugin)
    .override(KSR_API).useValue(ksr)
    .override(CONTIV_API).useValue(contiv)
    .override(VPP_API).useValue(vpp)
    .config(config)
    .start();
  started.push(agent);
  const plugin = agent.plugin(ServicePlugin);
  const resync = (): string[] => {
    vpp.take();
    vpp.beginResync();
    plugin.resync();
    vpp.endResync();
    return vpp.take();
  };
  const details = (): Readonly<Record<string, unknown>> => agent.agent.status().plugins['service']?.details ?? {};
  return { ksr, contiv, vpp, plugin, resync, agent, details };
}

const webEndpoints = (...ips: string[]) =>
  endpoints('web', [subset(ips.map((ip) => address(ip, ip.startsWith('10.1.1.') ? 'node1' : 'node2')), [epPort(8080)])]);

describe('ServicePlugin', () => {
  it('resync() puts the complete NAT44 state, and a second resync over the same state puts identical values', async () => {
    const t = await boot();
    t.ksr.seed('service', service('web', { type: 'NodePort', ports: [tcpPort(80, 8080, { nodePort: 30080 })] }));
    t.ksr.seed('endpoints', webEndpoints('10.1.1.2', '10.1.2.2'));
    t.contiv.seedPod({ id: { namespace: 'default', name: 'a' }, ip: '10.1.1.2', interface: 'tap0', containerId: 'c0' });
    const first = t.resync();
    const state1 = JSON.stringify([...t.vpp.desiredState]);
    expect(first).toContain('put vpp/nat/static/6/10.96.0.10/80');
    expect(first).toContain('put vpp/nat/static/6/192.168.16.1/30080');
    expect(first).toContain('put vpp/nat/interface/tap0');
    expect(first.every((op) => op.startsWith('put '))).toBe(true);
    expect(t.resync()).toEqual(first);
    expect(JSON.stringify([...t.vpp.desiredState])).toBe(state1);
  });

  it('init() subscribes to Services, Endpoints, EndpointSlices, Pods and Nodes, and re-exports only the affected Service', async () => {
    const t = await boot();
    t.ksr.seed('service', service('web'), service('api', { clusterIPs: ['10.96.0.20'] }));
    t.ksr.seed('endpoints', webEndpoints('10.1.1.2'));
    t.resync();
    await t.ksr.put('endpoints', webEndpoints('10.1.1.2', '10.1.2.2'));
    expect(t.vpp.take()).toEqual(['put vpp/nat/static/6/10.96.0.10/80']);
    await t.ksr.put('endpointslice', slice('web-1', 'web', [sliceEndpoint('10.1.2.7', 'node2')], [epPort(8080)]));
    expect(t.vpp.take()).toEqual(['put vpp/nat/static/6/10.96.0.10/80']);
    expect((t.vpp.desired('vpp/nat/static/6/10.96.0.10/80') as NatStaticMapping).locals.map((l) => l.ip)).toEqual(['10.1.2.7']);
    await t.ksr.put('pod', pod('unrelated', '10.1.1.50', 'node1'));
    expect(t.vpp.take()).toEqual([]);
  });

  it('onChange() listeners run after an event changed the NAT44 state, not after an unrelated change or a resync', async () => {
    const t = await boot();
    let calls = 0;
    t.plugin.onChange(() => calls++);
    t.ksr.seed('service', service('web'));
    t.ksr.seed('endpoints', webEndpoints('10.1.1.2'));
    t.resync();
    expect(calls).toBe(0);
    await t.ksr.put('endpoints', webEndpoints('10.1.1.2', '10.1.2.2'));
    expect(calls).toBe(1);
    expect(t.plugin.service('default/web')?.ports[0]?.frontends[0]?.backends.map((b) => b.ip)).toEqual(['10.1.1.2', '10.1.2.2']);
    await t.ksr.put('pod', pod('unrelated', '10.1.1.50', 'node1'));
    expect(calls).toBe(1);
  });

  it('a deleted Service stops answering: its values are deleted', async () => {
    const t = await boot();
    t.ksr.seed('service', service('web'));
    t.ksr.seed('endpoints', webEndpoints('10.1.1.2'));
    t.resync();
    await t.ksr.remove('service', 'default/web');
    expect(t.vpp.take()).toEqual(['delete vpp/nat/reject/0/10.96.0.10/0', 'delete vpp/nat/static/6/10.96.0.10/80']);
  });

  it('follows a DHCP change of node IP and gateway at run time', async () => {
    const t = await boot();
    t.contiv.setNodeIp(undefined, undefined);
    t.resync();
    expect(t.vpp.desiredKeys('vpp/nat/address/')).toEqual(['vpp/nat/address/10.1.1.1']);
    expect(t.plugin.snat().reason).toBe('no default gateway');
    t.contiv.setNodeIp('10.20.0.7/16', '10.20.0.1');
    expect(t.vpp.desiredKeys('vpp/nat/address/')).toEqual(['vpp/nat/address/10.1.1.1', 'vpp/nat/address/10.20.0.7']);
    expect(t.vpp.desiredKeys('vpp/nat/identity/')).toEqual(['vpp/nat/identity/17/10.20.0.7/4789']);
    expect(t.vpp.desired('vpp/nat/interface/GigabitEthernet0/8/0')).toEqual({ name: 'GigabitEthernet0/8/0', inside: false, outside: false, output: true });
    t.contiv.setNodeIp('10.20.0.8/16', '10.20.0.1');
    expect(t.vpp.desiredKeys('vpp/nat/address/')).toEqual(['vpp/nat/address/10.1.1.1', 'vpp/nat/address/10.20.0.8']);
  });

  it('has no SNAT in L2 mode and when switched off by config or by contiv', async () => {
    const l2 = await boot();
    l2.contiv.facts.l2Mode = true;
    delete l2.contiv.facts.vxlanBvi;
    l2.resync();
    expect(l2.vpp.desiredKeys('vpp/nat/address/')).toEqual(['vpp/nat/address/10.1.1.1']);
    expect((l2.vpp.desired('vpp/nat/interface/GigabitEthernet0/8/0') as NatInterface).output).toBe(false);
    const off = await boot({ snat: false });
    off.resync();
    expect(off.vpp.desiredKeys('vpp/nat/identity/')).toEqual([]);
    const contivOff = await boot();
    contivOff.contiv.facts.natExternalTraffic = false;
    contivOff.resync();
    expect(contivOff.vpp.desiredKeys('vpp/nat/address/')).toEqual(['vpp/nat/address/10.1.1.1']);
  });

  it('adds and removes a pod interface\'s NAT features in the event that wires or unwires it', async () => {
    const t = await boot();
    t.resync();
    t.contiv.wirePod({ id: { namespace: 'default', name: 'a' }, ip: '10.1.1.2', interface: 'tap7', containerId: 'c7' });
    expect(t.vpp.take()).toEqual(['put vpp/nat/interface/tap7']);
    expect(t.vpp.desired('vpp/nat/interface/tap7')).toEqual({ name: 'tap7', inside: true, outside: true, output: false });
    t.contiv.unwirePod({ namespace: 'default', name: 'a' });
    expect(t.vpp.take()).toEqual(['delete vpp/nat/interface/tap7']);
  });

  it('re-exports NodePorts when a Node object brings another node address', async () => {
    const t = await boot();
    t.ksr.seed('service', service('web', { type: 'NodePort', ports: [tcpPort(80, 8080, { nodePort: 30080 })] }));
    t.ksr.seed('endpoints', webEndpoints('10.1.1.2'));
    t.resync();
    await t.ksr.put('node', { name: 'node3', addresses: [{ type: 'InternalIP', address: '192.168.16.3' }] });
    expect(t.vpp.take()).toEqual(['put vpp/nat/static/6/192.168.16.3/30080']);
  });

  it('picks up another node\'s new IP from contiv at the next event', async () => {
    const t = await boot();
    t.ksr.seed('service', service('web', { type: 'NodePort', ports: [tcpPort(80, 8080, { nodePort: 30080 })] }));
    t.ksr.seed('endpoints', webEndpoints('10.1.1.2'));
    t.resync();
    t.contiv.facts.remoteNodes = [{ name: 'node2', id: 2, ip: '192.168.16.22', podSubnet: '10.1.2.0/24' }];
    await t.ksr.put('pod', pod('unrelated', '10.1.1.50', 'node1'));
    expect(t.vpp.take()).toEqual(['delete vpp/nat/static/6/192.168.16.2/30080', 'put vpp/nat/static/6/192.168.16.22/30080']);
  });

  it('reports bad Services in the status details and the log, naming object and field, and implements the others', async () => {
    const t = await boot();
    t.ksr.seed('service', service('web'));
    t.ksr.seed('endpoints', webEndpoints('10.1.1.2'));
    t.resync();
    await t.ksr.put('service', service('bad', { clusterIPs: ['10.96.0.300'] }));
    expect(t.agent.logs.filter({ level: 'warn', msg: 'skipped bad service input' }).map((r) => r.fields)).toEqual([
      expect.objectContaining({ source: 'Service default/bad', field: 'spec.clusterIPs[0]' }),
    ]);
    expect(t.details()['problems']).toEqual([expect.objectContaining({ code: 'BAD_INPUT', field: 'spec.clusterIPs[0]' })]);
    expect(t.agent.agent.status().plugins['service']?.state).toBe('ok');
    expect(t.vpp.desired('vpp/nat/static/6/10.96.0.10/80')).toBeDefined();
  });

  it('serves GET /services and GET /services/:namespace/:name', async () => {
    const t = await boot();
    t.ksr.seed('service', service('web'));
    t.ksr.seed('endpoints', webEndpoints('10.1.1.2'));
    t.resync();
    const all = (await (await t.agent.fetch('/services')).json()) as { snat: { reason: string }; services: { id: string }[] };
    expect(all.services.map((s) => s.id)).toEqual(['default/web']);
    expect(all.snat.reason).toMatch(/gateway/);
    const one = (await (await t.agent.fetch('/services/default/web')).json()) as { ports: { frontends: { action: string }[] }[] };
    expect(one.ports[0]!.frontends[0]!.action).toBe('forward');
    expect((await t.agent.fetch('/services/default/nope')).status).toBe(404);
  });

  it('SERVICE_API resolves a mapping tag and a frontend back to the Service', async () => {
    const t = await boot();
    t.ksr.seed('service', service('web'));
    t.ksr.seed('endpoints', webEndpoints('10.1.1.2'));
    t.resync();
    expect(t.plugin.byTag('svc:default/web:80')?.service.id).toBe('default/web');
    expect(t.plugin.frontend('TCP', '10.96.0.10', 80)?.frontend.kind).toBe('cluster-ip');
    expect(t.plugin.services().map((s) => s.id)).toEqual(['default/web']);
    expect(t.plugin.service('default/web')?.endpointSource).toBe('Endpoints');
  });
});
